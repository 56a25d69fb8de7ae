import { useCreateUserKey, useRevokeUserKey, useUserKeys } from "../../api/auth";
import type { User } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { KeyTable } from "../account/KeyTable";
import { NewKeyForm } from "../account/NewKeyForm";

export function ServiceAccountKeys({ user, onClose }: { user: User; onClose: () => void }) {
  const keys = useUserKeys(user.id);
  const create = useCreateUserKey(user.id);
  const revoke = useRevokeUserKey(user.id);
  return (
    <section className="card" data-testid="service-account-keys">
      <div className="page-header">
        <h2>Keys of {user.name}</h2>
        <button className="button button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <NewKeyForm create={(name) => create.mutateAsync(name)} pending={create.isPending} error={create.error} />
      <ErrorBox error={keys.error ?? revoke.error} />
      {keys.isPending ? (
        <Loading />
      ) : (
        keys.data && <KeyTable keys={keys.data} onRevoke={(id) => revoke.mutate(id)} revoking={revoke.isPending} />
      )}
    </section>
  );
}
