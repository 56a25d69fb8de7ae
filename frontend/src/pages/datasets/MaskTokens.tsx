import { Fragment, memo } from "react";
import type { MaskToken } from "../../client";
import { tokenParts, tokenTitle, WHITESPACE_GLYPHS, type TokenPart } from "../../lib/maskPreview";

function Part({ part }: { part: TokenPart }) {
  switch (part.kind) {
    case "text":
      return <>{part.text}</>;
    case "newline":
      // The glyph, then a real line break so the record keeps its shape.
      return (
        <>
          <span className="mask-ws">{WHITESPACE_GLYPHS.newline}</span>
          <br />
        </>
      );
    case "space":
    case "tab":
      // <wbr>: long lines may wrap at a space, as they would if the space were drawn as a space.
      return (
        <>
          <span className="mask-ws">{WHITESPACE_GLYPHS[part.kind]}</span>
          <wbr />
        </>
      );
    default:
      return <span className="mask-ws">{WHITESPACE_GLYPHS[part.kind]}</span>;
  }
}

/**
 * A rendered record, token by token: trained tokens highlighted, the rest muted; spaces, tabs and newlines drawn
 * as · → ↵, and each token's boundary marked. Hovering a token shows its exact text.
 */
export const MaskTokens = memo(function MaskTokens({ tokens }: { tokens: readonly MaskToken[] }) {
  return (
    <div className="mask-tokens" data-testid="mask-tokens">
      {tokens.map((token, i) => (
        <span
          key={i}
          className={`mask-token mask-token--${token.trained ? "trained" : "masked"}`}
          data-testid="mask-token"
          data-trained={token.trained ? "true" : "false"}
          title={tokenTitle(token)}
        >
          {tokenParts(token.text).map((part, j) => (
            <Fragment key={j}>
              <Part part={part} />
            </Fragment>
          ))}
        </span>
      ))}
    </div>
  );
});

/** What the colours and glyphs mean. */
export function MaskLegend() {
  return (
    <ul className="mask-legend" data-testid="mask-legend">
      <li>
        <span className="mask-token mask-token--trained">trained</span> loss is computed on these tokens: the model learns
        to write them
      </li>
      <li>
        <span className="mask-token mask-token--masked">not trained</span> context only: seen by the model, masked out of
        the loss
      </li>
      <li className="muted">
        <span className="mask-ws">{WHITESPACE_GLYPHS.space}</span> space, <span className="mask-ws">{WHITESPACE_GLYPHS.tab}</span> tab,{" "}
        <span className="mask-ws">{WHITESPACE_GLYPHS.newline}</span> newline, <span className="mask-ws">{WHITESPACE_GLYPHS.empty}</span> empty
        token; hover a token for its exact text.
      </li>
    </ul>
  );
}
