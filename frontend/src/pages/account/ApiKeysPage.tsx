import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "../../api/auth";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { KeyTable } from "./KeyTable";
import { NewKeyForm } from "./NewKeyForm";

export function ApiKeysPage() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  return (
    <>
      <PageHeader
        title="API keys"
        subtitle={
          <>
            Keys act as you on <code>/api</code> and the OpenAI-compatible <code>/v1</code>: send{" "}
            <code>Authorization: Bearer tw_…</code>, or use one as the <code>openai</code> SDK&apos;s <code>api_key</code>.
          </>
        }
      />
      <section className="card">
        <NewKeyForm create={(name) => create.mutateAsync(name)} pending={create.isPending} error={create.error} />
      </section>
      <ErrorBox error={keys.error ?? revoke.error} />
      {keys.isPending ? (
        <Loading />
      ) : keys.data && keys.data.length > 0 ? (
        <section className="card card--flush">
          <KeyTable keys={keys.data} onRevoke={(id) => revoke.mutate(id)} revoking={revoke.isPending} />
        </section>
      ) : (
        keys.data && <EmptyState title="No API keys yet">Create one above for a script, a notebook or CI.</EmptyState>
      )}
    </>
  );
}
