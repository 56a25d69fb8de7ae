import type { Dataset } from "../../client";
import { CONFIDENCE_WARNING, formatConfidence, isLowConfidence } from "../../lib/datasetFormats";

/** "alpaca · 100 %": the format the file was read as and how sure detection was; flagged below 90 %. */
export function SourceFormat({ dataset }: { dataset: Pick<Dataset, "source_format" | "detection_confidence"> }) {
  const low = isLowConfidence(dataset.detection_confidence);
  return (
    <span
      data-testid="dataset-source-format"
      className={low ? "confidence--low" : undefined}
      title={
        low
          ? `Under ${formatConfidence(CONFIDENCE_WARNING)} of the sampled records fit ${dataset.source_format} exactly (fields it ignores were dropped); check the records below, or upload again with the format chosen.`
          : `Share of the sampled records that fit ${dataset.source_format} exactly.`
      }
    >
      {low && <span aria-label="low confidence">⚠ </span>}
      {dataset.source_format} · {formatConfidence(dataset.detection_confidence)}
    </span>
  );
}
