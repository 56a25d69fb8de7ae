import { useState, type FormEvent } from "react";
import { useAddMember, useCreateProject, useProjectMembers, useProjects, useRemoveMember } from "../../api/projects";
import type { Project } from "../../client";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatDate } from "../../lib/format";

/** Projects keep teams' data apart: every dataset, run, evaluation and study belongs to one, and only its members
 * (and admins) see it. */
export function ProjectsPage() {
  const projects = useProjects();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Projects"
        subtitle="Every dataset, run, checkpoint, evaluation and study belongs to a project; only its members and admins see it."
      />
      {projects.isPending && <Loading what="Loading projects" />}
      {projects.isError && <ErrorBox error={projects.error} title="Could not load the projects." />}
      {projects.data &&
        (projects.data.length ? (
          <div className="card card--flush">
            <table className="table" data-testid="projects-table">
              <thead>
                <tr>
                  <th>Project</th>
                  <th>Slug</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {projects.data.map((p) => (
                  <ProjectRow key={p.id} project={p} open={open === p.id} onToggle={() => setOpen(open === p.id ? null : p.id)} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title="You belong to no project yet">Create one below, or ask an admin to add you to one.</EmptyState>
        ))}
      <NewProjectForm />
    </>
  );
}

function ProjectRow({ project, open, onToggle }: { project: Project; open: boolean; onToggle: () => void }) {
  return (
    <>
      <tr>
        <td>
          <strong>{project.name}</strong>
          {project.description && <p className="field__help">{project.description}</p>}
        </td>
        <td>
          <code>{project.slug}</code>
        </td>
        <td className="nowrap">{formatDate(project.created_at)}</td>
        <td>
          <button type="button" className="button button--small" onClick={onToggle} data-testid={`members-${project.slug}`}>
            {open ? "Hide members" : "Members"}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={4}>
            <Members projectId={project.id} />
          </td>
        </tr>
      )}
    </>
  );
}

function Members({ projectId }: { projectId: string }) {
  const members = useProjectMembers(projectId);
  const add = useAddMember(projectId);
  const remove = useRemoveMember(projectId);
  const [email, setEmail] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(email.trim(), { onSuccess: () => setEmail("") });
  }

  return (
    <div data-testid="project-members">
      {members.isPending && <Loading what="Loading members" />}
      {members.isError && <ErrorBox error={members.error} title="Could not load the members." />}
      <ul>
        {(members.data ?? []).map((m) => (
          <li key={m.user_id}>
            {m.name} &lt;{m.email}&gt;{" "}
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => remove.mutate(m.user_id)}
              disabled={remove.isPending}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="input-with-action" onSubmit={submit}>
        <input
          type="email"
          placeholder="colleague@example.com"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-label="Email of the user to add"
          data-testid="member-email"
        />
        <button type="submit" className="button button--small" disabled={!email.trim() || add.isPending}>
          Add member
        </button>
      </form>
      <ErrorBox error={add.error ?? remove.error} title="Could not change the members." />
    </div>
  );
}

function NewProjectForm() {
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), description: description.trim() },
      {
        onSuccess: () => {
          setName("");
          setDescription("");
        },
      },
    );
  }

  return (
    <form className="card form" onSubmit={submit} data-testid="project-form">
      <h2 className="card__title">New project</h2>
      <div className="form__grid">
        <label className="field">
          <span className="field__label">Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="project-name" />
        </label>
        <label className="field">
          <span className="field__label">Description</span>
          <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
        </label>
      </div>
      <ErrorBox error={create.error} title="Could not create the project." />
      <button type="submit" className="button button--primary" disabled={!name.trim() || create.isPending} data-testid="project-create">
        Create project
      </button>
    </form>
  );
}
