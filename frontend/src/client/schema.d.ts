// GENERATED from frontend/openapi.json by `npm run generate-client`. Do not edit by hand.

export interface paths {
    "/api/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description Sensitive actions, newest first.
         */
        get: operations["audit-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/model-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Sources
         * @description The allow-list: local root folders and hub id patterns models may come from.
         */
        get: operations["admin_model_sources-list_sources"];
        put?: never;
        /** Add Source */
        post: operations["admin_model_sources-add_source"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/model-sources/{source_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete Source
         * @description Remove an entry: models from it can no longer start runs, evaluations, exports or serving.
         */
        delete: operations["admin_model_sources-delete_source"];
        options?: never;
        head?: never;
        /** Update Source */
        patch: operations["admin_model_sources-update_source"];
        trace?: never;
    };
    "/api/admin/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Families
         * @description Every family, retired ones included, with its variants and what uses it.
         */
        get: operations["admin_models-list_families"];
        put?: never;
        /**
         * Add Family
         * @description Add a family from local folders under an allowed root or allowed hub ids; its files are checked now.
         */
        post: operations["admin_models-add_family"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/models/{family}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Family */
        get: operations["admin_models-get_family"];
        put?: never;
        post?: never;
        /**
         * Delete Family
         * @description Delete a family nothing uses (409 otherwise: retire it instead).
         */
        delete: operations["admin_models-delete_family"];
        options?: never;
        head?: never;
        /**
         * Update Family
         * @description Edit a family's details, base chat template or trust_remote_code flag.
         */
        patch: operations["admin_models-update_family"];
        trace?: never;
    };
    "/api/admin/models/{family}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore Family */
        post: operations["admin_models-restore_family"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/models/{family}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire Family
         * @description Hide a family from new runs, evaluations and serving; existing runs keep working.
         */
        post: operations["admin_models-retire_family"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/project-quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Project Quotas
         * @description Each project's limits on concurrent GPUs and runs, for all its members' runs together.
         */
        get: operations["admin queue-project_quotas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/project-quotas/{project_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set Project Quota */
        put: operations["admin queue-set_project_quota"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Queue
         * @description The pool (workers and their GPUs), queued runs in scheduling order with wait reasons and rough start times,
         *     running runs with progress and ETA, and usage and quotas per user.
         */
        get: operations["admin queue-queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/queue/runs/{run_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel */
        post: operations["admin queue-cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/queue/runs/{run_id}/move-to-top": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move To Top
         * @description Priority one above the highest waiting run's.
         */
        post: operations["admin queue-move_to_top"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/queue/runs/{run_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause */
        post: operations["admin queue-pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/queue/runs/{run_id}/preempt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preempt
         * @description The running run checkpoints after its current step, frees its GPUs and goes back to the queue, resuming from
         *     that checkpoint when placed again. 409 unless it is running.
         */
        post: operations["admin queue-preempt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/queue/runs/{run_id}/priority": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set Priority */
        post: operations["admin queue-set_priority"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/queue/runs/{run_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume */
        post: operations["admin queue-resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Quotas
         * @description Each user's limits on concurrent GPUs and runs (their override, and the limit in force).
         */
        get: operations["admin queue-quotas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/quotas/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set Quota */
        put: operations["admin queue-set_quota"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description Every account, oldest first.
         */
        get: operations["users-list"];
        put?: never;
        /**
         * Create
         * @description A person (with an initial password) or a service account (API keys only).
         */
        post: operations["users-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update
         * @description Change a user's name, role or password, or disable/enable the account (disabling signs it out).
         */
        patch: operations["users-update"];
        trace?: never;
    };
    "/api/admin/users/{user_id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Keys
         * @description A user's API keys (prefixes and use, never the secrets).
         */
        get: operations["users-list_keys"];
        put?: never;
        /**
         * Create Key
         * @description A key for a service account; the answer holds the whole key, shown this once.
         */
        post: operations["users-create_key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}/keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke Key
         * @description Revoke any user's key (a leaked key, someone who left).
         */
        delete: operations["users-revoke_key"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workers */
        get: operations["admin queue-workers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/workers/{name}/drain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drain
         * @description The worker takes no new runs; runs assigned to it that have not started move to other workers.
         */
        post: operations["admin queue-drain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/workers/{name}/undrain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undrain */
        post: operations["admin queue-undrain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Login
         * @description Sign in with email and password: sets the HttpOnly session cookie and the readable CSRF cookie.
         */
        post: operations["auth-login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logout
         * @description End this browser's session (an API key stays valid: revoke it on the keys page).
         */
        post: operations["auth-logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Me
         * @description The signed-in user and role (what the UI shows and hides by).
         */
        get: operations["auth-me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description Checkpoints of your projects' runs, newest first; `run_id` narrows to one run, `project_id` to a project.
         */
        get: operations["checkpoints-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/checkpoints/{checkpoint_id}/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description The checkpoint's exports, newest first.
         */
        get: operations["exports-list"];
        put?: never;
        /**
         * Create
         * @description Export a checkpoint as an adapter or a merged model (runs on a GPU worker). A merged export passes a parity
         *     check against the model it was made from or fails with the figures. Asking again for the same kind and dtype
         *     returns the existing export unless it failed.
         */
        post: operations["exports-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comparisons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description Your side-by-side studies, newest first, a page at a time.
         */
        get: operations["comparisons-list"];
        put?: never;
        /**
         * Create
         * @description Start a blind side-by-side study; a CPU worker generates every candidate's answers, then pairs can be rated.
         */
        post: operations["comparisons-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comparisons/{comparison_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["comparisons-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comparisons/{comparison_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export
         * @description Every rating with its prompt, both answers and the candidates' names, as CSV or JSON.
         */
        get: operations["comparisons-export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comparisons/{comparison_id}/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Next Pair
         * @description The next pair this rater has not rated (nor skipped), answers A/B in this rater's order, names hidden.
         */
        get: operations["comparisons-next_pair"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comparisons/{comparison_id}/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rate
         * @description Record A, B or tie for a pair; a rater rates each pair once (409 the second time).
         */
        post: operations["comparisons-rate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comparisons/{comparison_id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Results
         * @description Win rates per pair of candidates (ties half, Wilson 95 % CI), Bradley-Terry/Elo ranking, ratings per rater.
         */
        get: operations["comparisons-results"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dataset-versions/{version_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["dataset versions-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dataset-versions/{version_id}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Records
         * @description The version's records (none until it has succeeded), in order, a page at a time, or those matching `q`; each
         *     says its 0-based `index` and its 1-based `number`.
         */
        get: operations["dataset versions-records"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dataset-versions/{version_id}/records/{index}/mask-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Mask Preview
         * @description The loss-mask preview of one of the version's records: what a run on this version trains, token by token.
         */
        get: operations["dataset versions-mask_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List */
        get: operations["datasets-list"];
        put?: never;
        /**
         * Upload
         * @description Upload a dataset. Its format is detected from its first records (or forced with `format`), every
         *     record is validated and normalised. With `on_invalid=reject` (the default) any bad record refuses the file and
         *     nothing is stored: the 422 lists the problems, each naming the file, line (or Parquet row) and field, and says
         *     how many records were valid (`valid_count`) and whether the file could be accepted in part (`quarantinable`).
         *     With `on_invalid=quarantine` the valid records become the dataset and the bad ones are set aside, counted in
         *     `quarantined_count` and listed by GET /api/datasets/{id}/quarantine; a file with no valid record, or with a
         *     part that cannot be read (broken JSON array, a line over 16 MiB, a bad encoding), is refused all the same.
         *
         *     Files: JSONL, JSON (an array of objects), CSV/TSV (a header row), Parquet, .txt/.md text (cut into records
         *     of at most 2000 characters on paragraph boundaries), and documents: .pdf (one record per page, with `page`) and
         *     .docx (one record per heading section, with `section`). Text encodings: UTF-8 (with or without a BOM), then
         *     GB18030. Compressed files are not unpacked; a password-protected or scanned (text-less) PDF is refused.
         *
         *     Formats (`format`): `openai` chat messages, `alpaca`, `sharegpt` (with tool calls), `preference` pairs (OpenAI
         *     DPO, ShareGPT pairs, prompt/chosen/rejected), `kto` (messages + label) and `text`. GET /api/datasets/formats
         *     lists them with an example record each.
         */
        post: operations["datasets-upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{dataset_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["datasets-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{dataset_id}/clean": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clean
         * @description Clean a version of the dataset into a new version: exact and near dedup, length bounds, garbage and PII
         *     filters, each optional. A CPU worker computes it; poll the version for its progress and before/after counts.
         */
        post: operations["dataset versions-clean"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{dataset_id}/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Quarantine
         * @description The bad records set aside when the dataset was uploaded with on_invalid=quarantine, each with its problem.
         */
        get: operations["datasets-quarantine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{dataset_id}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Records
         * @description A page of the dataset's normalised records, or of those matching `q`; each says its 0-based `index` and its
         *     1-based `number` (the record number the UI and server messages use).
         */
        get: operations["datasets-records"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{dataset_id}/records/{index}/mask-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Mask Preview
         * @description The loss-mask preview: the record rendered with the model's chat template, token by token, each marked
         *     trained or not — exactly what a run on this model would train.
         */
        get: operations["datasets-mask_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{dataset_id}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description The dataset's reports, latest first.
         */
        get: operations["reports-list"];
        put?: never;
        /**
         * Create
         * @description Request a data report of the dataset: token counts per role with the model's tokenizer, languages, exact
         *     and near duplicates, garbage, empty and over-long records, PII-looking strings and, with `compare_with`,
         *     contamination with another dataset. A CPU worker computes it; poll the report for its progress.
         */
        post: operations["reports-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{dataset_id}/split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Split
         * @description Split a version into a train and an eval version: disjoint, together every record once, the same for the
         *     same seed. A run on the dataset id then trains on the train side (eval splits are never the newest).
         */
        post: operations["dataset versions-split"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{dataset_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description The dataset's versions, newest first, each with its parent and the operation that made it (lineage).
         */
        get: operations["dataset versions-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/formats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Formats
         * @description The accepted dataset formats, each with one example record.
         */
        get: operations["datasets-formats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description The evaluations of your projects, newest first; narrow by project, run, checkpoint or status.
         */
        get: operations["evaluations-list"];
        put?: never;
        /**
         * Create
         * @description Evaluate a checkpoint or a catalog model on eval sets now; a GPU worker picks it up.
         */
        post: operations["evaluations-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/{evaluation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["evaluations-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluations/{evaluation_id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Items
         * @description Every multiple-choice question's scores and chosen answer (for the model and, on general sets, the
         *     reference); empty until the evaluation succeeds.
         */
        get: operations["evaluations-items"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exports/{export_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["exports-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exports/{export_id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download
         * @description The export as a streamed tar archive: weights, config, tokenizer, generation config and
         *     reproducibility.json (run, data version hash, resolved spec and template, library versions, parity).
         *     409 until the export has succeeded.
         */
        get: operations["exports-download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get
         * @description Liveness and readiness: the database and the broker answer.
         */
        get: operations["health-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Keys
         * @description Your API keys, newest first (revoked ones too, marked).
         */
        get: operations["keys-list_keys"];
        put?: never;
        /**
         * Create Key
         * @description A new key acting as you. The answer holds the whole key: copy it now, it is never shown again.
         */
        post: operations["keys-create_key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke Key
         * @description Revoke one of your keys; requests with it get 401 from now on.
         */
        delete: operations["keys-revoke_key"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mixtures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List */
        get: operations["mixtures-list"];
        put?: never;
        /**
         * Create
         * @description Save the mixture (the next version of its name) and materialise it on a CPU worker into a dataset of its
         *     own (`dataset_id` once succeeded), whose version 1 records the recipe.
         */
        post: operations["mixtures-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mixtures/{mixture_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["mixtures-get"];
        put?: never;
        post?: never;
        /**
         * Delete
         * @description Delete the mixture (its recipe); the dataset it was materialised into stays.
         */
        delete: operations["mixtures-delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mixtures/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview
         * @description The token budget per source before anything runs: available tokens (from the newest data report, else
         *     bytes / 4 — `approximate` says so), the tokens and records each contributes, and its share.
         */
        post: operations["mixtures-preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description The model catalog: every live family's base and chat variants (retired ones are hidden).
         */
        get: operations["models-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description The projects you belong to (every project, for admins).
         */
        get: operations["projects-list"];
        put?: never;
        /**
         * Create
         * @description Create a project (admins and analysts); you become its first member.
         */
        post: operations["projects-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{project_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["projects-get"];
        put?: never;
        post?: never;
        /**
         * Delete
         * @description Delete an empty project; 409 while it still holds datasets, runs or other objects.
         */
        delete: operations["projects-delete"];
        options?: never;
        head?: never;
        /** Update */
        patch: operations["projects-update"];
        trace?: never;
    };
    "/api/projects/{project_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members */
        get: operations["projects-members"];
        put?: never;
        /**
         * Add Member
         * @description Add an existing user by email (admins, or members who are not viewers).
         */
        post: operations["projects-add_member"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{project_id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Member */
        delete: operations["projects-remove_member"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/{report_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["reports-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List */
        get: operations["runs-list"];
        put?: never;
        /**
         * Create
         * @description Submit a training run. 'auto' settings are resolved now; the resolved spec and its reasons are returned.
         *     A run that cannot fit in memory is refused here, with suggestions. The run belongs to its dataset's project;
         *     every dataset it names must be in that project.
         */
        post: operations["runs-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get */
        get: operations["runs-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel
         * @description Cancel a queued run at once, or ask a running one to stop after its current step.
         */
        post: operations["runs-cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events
         * @description The run's history: metrics, log lines, status changes and checkpoints, oldest first.
         */
        get: operations["runs-events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream
         * @description Live events as Server-Sent Events (`event: run_event`, `id` = event id), then `event: end` with the
         *     final status. Reconnecting with `Last-Event-ID` resumes without gaps.
         */
        get: operations["runs-stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause
         * @description Pause a queued run at once, or have a running one write a checkpoint after its current step and stop.
         *     409 for a run in any other state.
         */
        post: operations["runs-pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{run_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume
         * @description Queue a paused run again; it continues from its newest checkpoint (a pending pause is withdrawn).
         *     409 for a run in any other state.
         */
        post: operations["runs-resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/serving/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Playground Chat Completions
         * @description The same chat completions for the web UI's playground.
         */
        post: operations["serving-playground_chat_completions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/serving/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Servable Models
         * @description Catalog models and the checkpoints of your projects' succeeded runs, newest first: the `model` ids to chat
         *     with.
         */
        get: operations["serving-servable_models"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Chat Completions
         * @description Answer a conversation with the model's own chat template (OpenAI's chat completions).
         */
        post: operations["inference-chat_completions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Completions
         * @description Continue a plain text prompt (OpenAI's legacy completions).
         */
        post: operations["inference-completions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Files */
        get: operations["openai-list_files"];
        put?: never;
        /**
         * Create File
         * @description Upload training data. It is a dataset upload: validated whole, nothing kept on any problem.
         */
        post: operations["openai-create_file"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{file_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve File */
        get: operations["openai-retrieve_file"];
        put?: never;
        post?: never;
        /**
         * Delete File
         * @description Delete a file; refused (409) while a job trains or trained on it, so a job never loses its data.
         */
        delete: operations["openai-delete_file"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{file_id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * File Content
         * @description The file's records as JSONL, normalised to the workbench's internal shape (what training reads).
         */
        get: operations["openai-file_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine_tuning/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Jobs */
        get: operations["openai-list_jobs"];
        put?: never;
        /**
         * Create Job
         * @description Create a job: a training run. 'auto' hyperparameters are resolved now and reported back.
         */
        post: operations["openai-create_job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine_tuning/jobs/{fine_tuning_job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve Job */
        get: operations["openai-retrieve_job"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel Job */
        post: operations["openai-cancel_job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Job Checkpoints */
        get: operations["openai-list_job_checkpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine_tuning/jobs/{fine_tuning_job_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Job Events
         * @description Newest first: status changes, log lines and checkpoints (`message`) and one `metrics` event per step.
         */
        get: operations["openai-list_job_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine_tuning/jobs/{fine_tuning_job_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause Job
         * @description A queued job pauses at once; a running one stops at a checkpoint after its current step.
         */
        post: operations["openai-pause_job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine_tuning/jobs/{fine_tuning_job_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume Job
         * @description A paused job is queued again and continues from its newest checkpoint.
         */
        post: operations["openai-resume_job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Models
         * @description The catalog's models and every fine-tuned model (`ft:<base>:<project slug>:<suffix>:<job id>`).
         */
        get: operations["openai-list_models"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve Model */
        get: operations["openai-retrieve_model"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ApiKeyCreate */
        ApiKeyCreate: {
            /**
             * Name
             * @description What the key is for, e.g. `nightly CI`.
             * @default
             */
            name: string;
        };
        /** ApiKeyCreated */
        ApiKeyCreated: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /**
             * Key
             * @description The whole key. Shown this once: only its hash is stored.
             */
            key: string;
            /**
             * Last Used At
             * @description Updated at most once a minute.
             */
            last_used_at: string | null;
            /** Name */
            name: string;
            /**
             * Prefix
             * @description The visible part: keys look like `tw_<prefix>_<secret>`.
             */
            prefix: string;
            /** Revoked At */
            revoked_at: string | null;
        };
        /** ApiKeyList */
        ApiKeyList: {
            /** Items */
            items: components["schemas"]["ApiKeyRead"][];
        };
        /** ApiKeyRead */
        ApiKeyRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /**
             * Last Used At
             * @description Updated at most once a minute.
             */
            last_used_at: string | null;
            /** Name */
            name: string;
            /**
             * Prefix
             * @description The visible part: keys look like `tw_<prefix>_<secret>`.
             */
            prefix: string;
            /** Revoked At */
            revoked_at: string | null;
        };
        /** AssistantMessage */
        AssistantMessage: {
            /** Content */
            content: string;
            /**
             * Role
             * @default assistant
             * @constant
             */
            role: "assistant";
        };
        /** AuditEventList */
        AuditEventList: {
            /** Items */
            items: components["schemas"]["AuditEventRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** AuditEventRead */
        AuditEventRead: {
            /**
             * Action
             * @description `<domain>.<verb>`, e.g. `auth.login`, `auth.login_failed`, `user.role_changed`.
             */
            action: string;
            /**
             * Actor Email
             * @description The acting user's email, or the email a failed sign-in tried.
             */
            actor_email: string | null;
            /**
             * Actor Id
             * @description The acting user's id; null when nobody was signed in.
             */
            actor_id: string | null;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Detail */
            detail: {
                [key: string]: unknown;
            };
            /** Id */
            id: string;
            /** Ip */
            ip: string | null;
            /** Target Id */
            target_id: string | null;
            /** Target Type */
            target_type: string | null;
        };
        /** ModelList */
        backend__catalog__schemas__ModelList: {
            /** Items */
            items: components["schemas"]["ModelRead"][];
        };
        /** ModelList */
        backend__openai_compat__schemas__ModelList: {
            /** Data */
            data: components["schemas"]["Model"][];
            /**
             * Object
             * @default list
             * @constant
             */
            object: "list";
        };
        /** Body_datasets-upload */
        "Body_datasets-upload": {
            /**
             * Columns
             * @description JSON mapping format fields to the file's columns, e.g. {"instruction": "question", "output": "answer"}; without it, columns named like a format's fields are used.
             */
            columns?: string | null;
            /**
             * File
             * @description JSONL, JSON, CSV/TSV, Parquet, .txt, .md, .pdf or .docx.
             */
            file: string;
            /**
             * Format
             * @description `auto` detects the format; any other value forces that format (family).
             * @default auto
             * @enum {string}
             */
            format: "auto" | "openai" | "alpaca" | "sharegpt" | "preference" | "kto" | "text" | "multiple_choice" | "prompts";
            /** Name */
            name?: string | null;
            /**
             * On Invalid
             * @description `reject` refuses a file with any bad record; `quarantine` keeps the valid records and sets the bad ones aside, listed with their problems.
             * @default reject
             * @enum {string}
             */
            on_invalid: "reject" | "quarantine";
            /**
             * Project Id
             * @description The project it goes into; your default project when left out.
             */
            project_id?: string | null;
        };
        /** Body_openai-create_file */
        "Body_openai-create_file": {
            /**
             * File
             * @description Training data: any format the datasets API accepts.
             */
            file: string;
            /**
             * Purpose
             * @description Must be `fine-tune`.
             */
            purpose: string;
        };
        /** ChatChoice */
        ChatChoice: {
            /**
             * Finish Reason
             * @description Why generation ended: `stop` (end of turn or a stop string) or `length`.
             */
            finish_reason: string;
            /**
             * Index
             * @default 0
             */
            index: number;
            /** Logprobs */
            logprobs?: null;
            message: components["schemas"]["AssistantMessage"];
        };
        /** ChatCompletion */
        ChatCompletion: {
            /** Choices */
            choices: components["schemas"]["ChatChoice"][];
            /** Created */
            created: number;
            /** Id */
            id: string;
            /** Model */
            model: string;
            /**
             * Object
             * @default chat.completion
             * @constant
             */
            object: "chat.completion";
            usage: components["schemas"]["Usage"];
        };
        /** ChatCompletionRequest */
        ChatCompletionRequest: {
            /**
             * Max Completion Tokens
             * @description Alias of max_tokens.
             */
            max_completion_tokens?: number | null;
            /**
             * Max Tokens
             * @description Longest answer, in tokens.
             */
            max_tokens?: number | null;
            /**
             * Messages
             * @description The conversation so far.
             */
            messages: components["schemas"]["ChatMessage"][];
            /**
             * Model
             * @description A catalog model name, a checkpoint id (`ckpt_…`), a run id (`run_…`: its final checkpoint) or a fine-tuned model name (`ft:<base>:<project>:<suffix>:<run id>`).
             */
            model: string;
            /**
             * N
             * @description Answers per request; the workbench generates exactly 1.
             * @default 1
             */
            n: number;
            /**
             * Repetition Penalty
             * @description vLLM's extension: above 1 makes tokens already in the prompt or the answer less likely (1 = off). Sent explicitly, it overrides a default a model's generation_config.json gives vLLM.
             * @default 1
             */
            repetition_penalty: number;
            /**
             * Seed
             * @description Makes sampling repeatable.
             */
            seed?: number | null;
            /**
             * Stop
             * @description Up to 4 strings that end the answer (not included in it).
             */
            stop?: string | string[] | null;
            /**
             * Stop Token Ids
             * @description vLLM's extension: token ids that also end the answer, besides the model's own end tokens.
             */
            stop_token_ids?: number[] | null;
            /**
             * Stream
             * @description Send tokens as Server-Sent Events as they are produced.
             * @default false
             */
            stream: boolean;
            stream_options?: components["schemas"]["StreamOptions"] | null;
            /**
             * Temperature
             * @description 0 is greedy decoding.
             * @default 1
             */
            temperature: number;
            /**
             * Top P
             * @description Nucleus sampling: keep the most likely tokens up to p.
             * @default 1
             */
            top_p: number;
            /** User */
            user?: string | null;
        };
        /** ChatMessage */
        ChatMessage: {
            /**
             * Content
             * @description The text, or a list of text parts that are joined.
             */
            content: string | components["schemas"]["TextPart"][];
            /** Name */
            name?: string | null;
            /**
             * Role
             * @enum {string}
             */
            role: "system" | "developer" | "user" | "assistant";
        };
        /** CheckpointList */
        CheckpointList: {
            /** Items */
            items: components["schemas"]["CheckpointRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** CheckpointMetrics */
        CheckpointMetrics: {
            /** Full Valid Loss */
            full_valid_loss?: number | null;
            /** Step */
            step: number;
            /** Train Loss */
            train_loss?: number | null;
            /** Valid Loss */
            valid_loss?: number | null;
        };
        /** CheckpointRead */
        CheckpointRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /** Metrics */
            metrics: {
                [key: string]: number;
            };
            /** Path */
            path: string;
            /** Run Id */
            run_id: string;
            /** Step */
            step: number;
        };
        /**
         * CleaningCreate
         * @description Each filter is optional; a record goes at the first filter that drops it, in the order length, garbage, PII,
         *     exact duplicates, near duplicates (the first record of a duplicate group stays).
         */
        CleaningCreate: {
            /**
             * Drop Pii
             * @description Drop records with PII-looking strings (emails, phones, cards, IBANs, ID numbers).
             * @default false
             */
            drop_pii: boolean;
            /**
             * Exact Dedup
             * @description Drop records whose normalised text repeats an earlier one.
             * @default false
             */
            exact_dedup: boolean;
            /**
             * Garbage Threshold
             * @description Drop garbage: records whose share of repeated word trigrams exceeds this (e.g. 0.5), or that are mostly symbols or long runs of one character (the data report's garbage checks).
             */
            garbage_threshold?: number | null;
            /**
             * Length Unit
             * @description What min/max_length count: characters of the records' text, or tokens of `model`'s tokenizer (chat template included for conversations).
             * @default characters
             * @enum {string}
             */
            length_unit: "characters" | "tokens";
            /**
             * Max Length
             * @description Drop records longer than this.
             */
            max_length?: number | null;
            /**
             * Min Length
             * @description Drop records shorter than this.
             */
            min_length?: number | null;
            /**
             * Model
             * @description Catalog model whose tokenizer counts tokens (length_unit=tokens).
             */
            model?: string | null;
            /**
             * Near Dedup Threshold
             * @description Drop near duplicates: estimated Jaccard similarity of word 5-gram shingles (MinHash) from which two records count as the same; e.g. 0.8.
             */
            near_dedup_threshold?: number | null;
            /**
             * Parent Version Id
             * @description The version to clean; default: the dataset's newest training version.
             */
            parent_version_id?: string | null;
        };
        /**
         * ComparisonCreate
         * @description Every candidate answers every prompt of a prompts dataset; people then rate the answers in blind pairs.
         */
        ComparisonCreate: {
            /**
             * Candidates
             * @description Two or more models: catalog names, checkpoint ids (`ckpt_…`) or run ids (`run_…`).
             */
            candidates: string[];
            /**
             * Dataset Id
             * @description A dataset of kind `prompts` (open-ended prompts, optional references).
             */
            dataset_id: string;
            /**
             * Name
             * @description A label; defaults to the candidates' names.
             * @default
             */
            name: string;
            /**
             * Project Id
             * @description The project the study must be in; it is always its prompts dataset's project, and every candidate run or checkpoint must be there too.
             */
            project_id?: string | null;
            sampling?: components["schemas"]["SamplingSettings"];
        };
        /** ComparisonList */
        ComparisonList: {
            /** Items */
            items: components["schemas"]["ComparisonRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** ComparisonRead */
        ComparisonRead: {
            /**
             * Attempts
             * @description Executions started; more than 1 when a worker was lost and another took over.
             * @default 0
             */
            attempts: number;
            /** Candidates */
            candidates: string[];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Dataset Id */
            dataset_id: string;
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /**
             * Pair Count
             * @description Pairs to rate: prompts × pairs of candidates (0 until generated).
             */
            pair_count: number;
            /**
             * Progress
             * @description Share of the answers generated.
             */
            progress: number;
            /**
             * Project Id
             * @description The project it belongs to.
             */
            project_id: string;
            /** Prompt Count */
            prompt_count: number;
            sampling: components["schemas"]["SamplingSettings"];
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
        };
        /** ComparisonResults */
        ComparisonResults: {
            /** Pairwise */
            pairwise: components["schemas"]["PairwiseResult"][];
            /** Ranking */
            ranking: components["schemas"]["RankedCandidate"][];
            /**
             * Ranking Note
             * @description Why there is no ranking yet, when there is none.
             */
            ranking_note: string | null;
            /**
             * Rated
             * @description Ratings recorded, all raters together.
             */
            rated: number;
            /**
             * Raters
             * @description Ratings per rater.
             */
            raters: {
                [key: string]: number;
            };
        };
        /**
         * Completion
         * @description A completion, or (streamed) one chunk of it.
         */
        Completion: {
            /** Choices */
            choices: components["schemas"]["CompletionChoice"][];
            /** Created */
            created: number;
            /** Id */
            id: string;
            /** Model */
            model: string;
            /**
             * Object
             * @default text_completion
             * @constant
             */
            object: "text_completion";
            usage?: components["schemas"]["Usage"] | null;
        };
        /** CompletionChoice */
        CompletionChoice: {
            /** Finish Reason */
            finish_reason?: string | null;
            /**
             * Index
             * @default 0
             */
            index: number;
            /** Logprobs */
            logprobs?: null;
            /** Text */
            text: string;
        };
        /** CompletionRequest */
        CompletionRequest: {
            /**
             * Max Tokens
             * @description Longest continuation, in tokens.
             * @default 16
             */
            max_tokens: number | null;
            /**
             * Model
             * @description A catalog model name, a checkpoint id (`ckpt_…`), a run id (`run_…`: its final checkpoint) or a fine-tuned model name (`ft:<base>:<project>:<suffix>:<run id>`).
             */
            model: string;
            /**
             * N
             * @description Answers per request; the workbench generates exactly 1.
             * @default 1
             */
            n: number;
            /**
             * Prompt
             * @description The text to continue (one prompt per request), or its token ids as OpenAI and vLLM accept them: used exactly as given, no special token added.
             */
            prompt: string | string[] | number[];
            /**
             * Repetition Penalty
             * @description vLLM's extension: above 1 makes tokens already in the prompt or the answer less likely (1 = off). Sent explicitly, it overrides a default a model's generation_config.json gives vLLM.
             * @default 1
             */
            repetition_penalty: number;
            /**
             * Seed
             * @description Makes sampling repeatable.
             */
            seed?: number | null;
            /**
             * Stop
             * @description Up to 4 strings that end the answer (not included in it).
             */
            stop?: string | string[] | null;
            /**
             * Stop Token Ids
             * @description vLLM's extension: token ids that also end the answer, besides the model's own end tokens.
             */
            stop_token_ids?: number[] | null;
            /**
             * Stream
             * @description Send tokens as Server-Sent Events as they are produced.
             * @default false
             */
            stream: boolean;
            stream_options?: components["schemas"]["StreamOptions"] | null;
            /**
             * Temperature
             * @description 0 is greedy decoding.
             * @default 1
             */
            temperature: number;
            /**
             * Top P
             * @description Nucleus sampling: keep the most likely tokens up to p.
             * @default 1
             */
            top_p: number;
            /** User */
            user?: string | null;
        };
        /** Contamination */
        Contamination: {
            /** Compare Records */
            compare_records: number;
            exact: components["schemas"]["Listed"];
            /** Examples */
            examples: components["schemas"]["ContaminationExample"][];
            /** @description Records with a near duplicate (and no exact one) in the compared dataset. */
            near: components["schemas"]["Listed"];
            /** Threshold */
            threshold: number;
        };
        /** ContaminationExample */
        ContaminationExample: {
            /** Compare Index */
            compare_index: number;
            /** Compare Preview */
            compare_preview: string;
            /** Index */
            index: number;
            /** Preview */
            preview: string;
            /** Similarity */
            similarity: number;
        };
        /** DatasetFormat */
        DatasetFormat: {
            /** Description */
            description: string;
            /**
             * Example
             * @description One example record (for .txt/.md: one record it produces).
             */
            example: {
                [key: string]: unknown;
            };
            /**
             * Fields
             * @description The fields it reads; a CSV/Parquet `columns` mapping may target them.
             */
            fields: string[];
            /**
             * Kind
             * @description The internal kind it becomes.
             * @enum {string}
             */
            kind: "messages" | "preference" | "kto" | "text" | "multiple_choice" | "prompts";
            /**
             * Name
             * @description The source format, as `source_format` names it.
             */
            name: string;
            /**
             * Override
             * @description The upload's `format` value that selects this format (auto-detection finds it too).
             * @enum {string}
             */
            override: "openai" | "alpaca" | "sharegpt" | "preference" | "kto" | "text" | "multiple_choice" | "prompts";
            /** Title */
            title: string;
        };
        /** DatasetFormats */
        DatasetFormats: {
            /**
             * Encodings
             * @description Text encodings tried, in order (a UTF-8 BOM means utf-8-sig).
             */
            encodings: string[];
            /**
             * File Types
             * @description The accepted file types.
             */
            file_types: string;
            /** Items */
            items: components["schemas"]["DatasetFormat"][];
        };
        /** DatasetList */
        DatasetList: {
            /** Items */
            items: components["schemas"]["DatasetRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** DatasetRead */
        DatasetRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Detection Confidence
             * @description Share of the sampled records that match the source format, discounted for fields the format ignores (they were dropped); 1.0 means every sampled record fit it exactly.
             */
            detection_confidence: number;
            /**
             * Encoding
             * @description The text encoding read: utf-8, utf-8-sig (UTF-8 with a BOM) or gb18030.
             */
            encoding: string;
            /**
             * Filename
             * @description The uploaded file's name, for display only.
             */
            filename: string;
            /**
             * Format
             * @description The internal kind of its records: `messages` (a conversation: `{messages: [{role, content, weight?, tool_calls?}], tools?}`), `preference` (`{prompt, chosen, rejected}`, each a message list), `kto` (`{messages, label}`), `text` (`{text, source?, section?}`, for continued pretraining), or the eval kinds `multiple_choice` (`{question, choices, answer_index, subject}`) and `prompts` (`{messages, reference?}`).
             * @enum {string}
             */
            format: "messages" | "preference" | "kto" | "text" | "multiple_choice" | "prompts";
            /** Id */
            id: string;
            /** Name */
            name: string;
            /**
             * Project Id
             * @description The project it belongs to.
             */
            project_id: string;
            /**
             * Quarantined Count
             * @description Bad records set aside at upload (on_invalid=quarantine): not in the dataset, listed by GET /api/datasets/{id}/quarantine. 0 when every record was valid.
             */
            quarantined_count: number;
            /** Record Count */
            record_count: number;
            /**
             * Sha256
             * @description Hash of the normalised records: the dataset version's identity.
             */
            sha256: string;
            /** Size Bytes */
            size_bytes: number;
            /**
             * Source Format
             * @description The format the file was in: openai, alpaca, sharegpt, openai_dpo, sharegpt_pairs, flat_pairs, alpaca_pairs, kto, text, txt, markdown, multiple_choice or prompts (see GET /api/datasets/formats).
             */
            source_format: string;
        };
        /** DatasetRecord */
        DatasetRecord: {
            /**
             * Index
             * @description 0-based position of the record in the dataset (what `offset` and URLs take).
             */
            index: number;
            /**
             * Number
             * @description 1-based record number, as the UI shows it (#1 is the first record) and as server messages name records; always index + 1.
             */
            number: number;
            /** Record */
            record: {
                [key: string]: unknown;
            };
        };
        /** DatasetRecords */
        DatasetRecords: {
            /** Items */
            items: components["schemas"]["DatasetRecord"][];
            /**
             * Next Offset
             * @description Pass as `offset` for the next page; with `q`, where the search resumes. None at the end.
             */
            next_offset: number | null;
            /**
             * Q
             * @description The search the page answers, when there was one.
             */
            q?: string | null;
            /**
             * Total
             * @description Records in the dataset (not the number of matches when searching).
             */
            total: number;
        };
        /** DatasetVersionList */
        DatasetVersionList: {
            /** Items */
            items: components["schemas"]["DatasetVersionRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** DatasetVersionRead */
        DatasetVersionRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Dataset Id */
            dataset_id: string;
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /**
             * Id
             * @description `dsv_…`
             */
            id: string;
            /**
             * Number
             * @description 1 is the upload; later versions count up in order of creation.
             */
            number: number;
            /**
             * Operation
             * @enum {string}
             */
            operation: "upload" | "clean" | "split" | "mixture";
            /**
             * Parameters
             * @description The operation's parameters, as given (defaults filled in).
             */
            parameters: {
                [key: string]: unknown;
            };
            /**
             * Parent Id
             * @description The version this one was derived from; None for the upload.
             */
            parent_id: string | null;
            /** Progress */
            progress: number;
            /** Project Id */
            project_id: string;
            /** Record Count */
            record_count: number | null;
            /**
             * Records Before
             * @description Records of the parent (of the upload itself for version 1).
             */
            records_before: number;
            /**
             * Result
             * @description Cleaning: `records_before`, `records_after` and `filters`, each with before/after counts and the first dropped record indices (of the parent). Splits: the seed and the sizes of both sides.
             */
            result: {
                [key: string]: unknown;
            } | null;
            /**
             * Role
             * @description For split versions: which side of the split.
             */
            role: ("train" | "eval") | null;
            /**
             * Sha256
             * @description SHA-256 of the normalised records as stored (one JSON object a line).
             */
            sha256: string | null;
            /** Size Bytes */
            size_bytes: number | null;
            /**
             * Status
             * @description Only a succeeded version has records and a hash.
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
        };
        /** Distribution */
        Distribution: {
            histogram: components["schemas"]["Histogram"];
            /** Max */
            max: number;
            /** Mean */
            mean: number;
            /** P50 */
            p50: number;
            /** P90 */
            p90: number;
            /** P99 */
            p99: number;
            /**
             * Records
             * @description Records the series counts (for a role: records that have that role).
             */
            records: number;
            /** Total */
            total: number;
        };
        /** DpoHyperparameters */
        DpoHyperparameters: {
            /**
             * Batch Size
             * @default auto
             */
            batch_size?: "auto" | number;
            /**
             * Beta
             * @description DPO's penalty weight between the policy and the reference model.
             * @default auto
             */
            beta?: "auto" | number;
            /**
             * Learning Rate Multiplier
             * @description Multiplies the model family's recommended learning rate ('auto' = 1).
             * @default auto
             */
            learning_rate_multiplier?: "auto" | number;
            /**
             * N Epochs
             * @default auto
             */
            n_epochs?: "auto" | number;
        };
        /** DpoMethod */
        DpoMethod: {
            hyperparameters?: components["schemas"]["DpoHyperparameters"];
        };
        /** DuplicateGroup */
        DuplicateGroup: {
            /**
             * Indices
             * @description Record indices in the group (the first 20).
             */
            indices: number[];
            /**
             * Previews
             * @description The first two records of the group, shortened, PII masked.
             */
            previews: string[];
            /**
             * Similarity
             * @description Lowest estimated Jaccard within the group.
             */
            similarity?: number | null;
            /** Size */
            size: number;
        };
        /** ErrorBody */
        ErrorBody: {
            /**
             * Detail
             * @description A sentence saying what went wrong and what to change.
             */
            detail: string;
            /**
             * Error
             * @description Machine-readable code, e.g. `InvalidInput`, `NotFound`.
             */
            error: string;
            /**
             * Field
             * @description The request field at fault, when there is one.
             */
            field?: string | null;
            /**
             * Problem Count
             * @description How many problems there were in all.
             */
            problem_count?: number | null;
            /**
             * Problems
             * @description Every problem found (at most 20 listed).
             */
            problems?: components["schemas"]["Problem"][] | null;
            /**
             * Quarantinable
             * @description For a refused dataset upload: whether on_invalid=quarantine would accept its valid records.
             */
            quarantinable?: boolean | null;
            /**
             * Valid Count
             * @description For a refused dataset upload: how many of its records were valid.
             */
            valid_count?: number | null;
        };
        /**
         * EvaluationCreate
         * @description Evaluate one checkpoint, or one catalog model, on eval sets now.
         */
        EvaluationCreate: {
            /**
             * Checkpoint Id
             * @description A checkpoint (`ckpt_…`); general sets compare it with its run's untouched model.
             */
            checkpoint_id?: string | null;
            /**
             * Dataset Ids
             * @description Eval sets: multiple-choice sets (accuracy) and conversation/text sets (eval loss, perplexity).
             */
            dataset_ids?: string[];
            /**
             * General Dataset Ids
             * @description General-ability sets; for a checkpoint the change against its run's model shows forgetting.
             */
            general_dataset_ids?: string[];
            /**
             * Generate Answers
             * @description Also generate a reply to each multiple-choice question and read the chosen letter from it (mc_generate_accuracy).
             * @default false
             */
            generate_answers: boolean;
            /**
             * Generation Backend
             * @description Who generates those replies: 'service' (the inference service: vLLM, or the CPU server), 'in_process' (the evaluating worker) or 'auto' (the service when it is reachable and can serve the model, else in process). The replies are the same either way; the evaluation records which one generated.
             * @default auto
             * @enum {string}
             */
            generation_backend: "auto" | "service" | "in_process";
            /**
             * Model
             * @description Or a catalog model name (`tiny-chat`), scored as it is.
             */
            model?: string | null;
            /**
             * Project Id
             * @description The project: a checkpoint's evaluation is in its run's project; a catalog model's in this one (your default project when left out). Every eval set must be in that project.
             */
            project_id?: string | null;
            /**
             * Prompt Style
             * @description 'plain' (as lm-evaluation-harness) or 'chat' (the model's chat template).
             * @default plain
             * @enum {string}
             */
            prompt_style: "plain" | "chat";
        };
        /** EvaluationGeneration */
        EvaluationGeneration: {
            /**
             * Backend
             * @description Who generated the replies.
             * @enum {string}
             */
            backend: "service" | "in_process";
            /**
             * Reason
             * @description Why that one: what was asked, and for 'auto' what the service answered.
             */
            reason: string;
        };
        /** EvaluationItem */
        EvaluationItem: {
            /** Answer */
            answer: number;
            /**
             * Chosen
             * @description The choice with the highest log-likelihood (acc).
             */
            chosen: number;
            /**
             * Chosen Norm
             * @description The choice with the highest log-likelihood per character (acc_norm).
             */
            chosen_norm: number;
            /** Correct */
            correct: boolean;
            /** Dataset Id */
            dataset_id: string;
            /**
             * Extracted
             * @description The choice read from the reply; null when none was.
             */
            extracted?: number | null;
            /**
             * Generate Correct
             * @description Whether the extracted choice is the answer.
             */
            generate_correct?: boolean | null;
            /**
             * Generated
             * @description The generated reply, when answers were generated.
             */
            generated?: string | null;
            /**
             * Index
             * @description 0-based record of the eval set.
             */
            index: number;
            /** Loglikelihoods */
            loglikelihoods: number[];
            /**
             * Model
             * @enum {string}
             */
            model: "candidate" | "reference";
            /** Subject */
            subject: string;
        };
        /** EvaluationItems */
        EvaluationItems: {
            /** Items */
            items: components["schemas"]["EvaluationItem"][];
        };
        /** EvaluationList */
        EvaluationList: {
            /** Items */
            items: components["schemas"]["EvaluationRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /**
         * EvaluationPlan
         * @description Automatic evaluation of every checkpoint of a run, and the metric that picks the recommended one.
         */
        EvaluationPlan: {
            /**
             * Best Metric
             * @description The metric that picks the recommended checkpoint (accuracy: highest, loss: lowest); 'auto' = mc_accuracy when a multiple-choice set is given, else eval_loss.
             * @default auto
             */
            best_metric: ("mc_accuracy" | "mc_accuracy_norm" | "mc_generate_accuracy" | "eval_loss" | "perplexity" | "general_mc_accuracy_delta" | "general_eval_loss_delta") | "auto";
            /**
             * Dataset Ids
             * @description Eval sets (`ds_…`) scored for every checkpoint: multiple-choice sets give accuracy, conversation or text sets eval loss and perplexity.
             */
            dataset_ids: string[];
            /**
             * General Dataset Ids
             * @description General-ability sets scored for every checkpoint and for the run's untouched model; the change (general_*_delta) shows forgetting.
             */
            general_dataset_ids?: string[];
            /**
             * Generate Answers
             * @description Also generate a reply to each multiple-choice question and read the chosen letter from it (mc_generate_accuracy), as a chat model is used.
             * @default false
             */
            generate_answers: boolean;
            /**
             * Prompt Style
             * @description How multiple-choice questions are shown: 'plain' text as lm-evaluation-harness does, or 'chat' with the model's chat template.
             * @default plain
             * @enum {string}
             */
            prompt_style: "plain" | "chat";
        };
        /** EvaluationRead */
        EvaluationRead: {
            /**
             * Attempts
             * @description Executions started (a worker lost mid-evaluation causes a retry).
             */
            attempts: number;
            /** Checkpoint Id */
            checkpoint_id: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Dataset Ids */
            dataset_ids: string[];
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /** General Dataset Ids */
            general_dataset_ids: string[];
            /** Generate Answers */
            generate_answers: boolean;
            /** @description Who generated the replies and why; null until the worker has chosen, or when no replies are generated. */
            generation: components["schemas"]["EvaluationGeneration"] | null;
            /**
             * Generation Backend
             * @description The generation backend asked for.
             * @enum {string}
             */
            generation_backend: "auto" | "service" | "in_process";
            /** Id */
            id: string;
            /**
             * Metrics
             * @description Summary: mc_accuracy, mc_accuracy_norm (domain multiple-choice sets, all questions pooled), mc_generate_accuracy (answers generated and read, when asked), eval_loss, perplexity (domain conversation/text sets), general_* the same on the general sets, reference_general_* for the reference model and general_*_delta = checkpoint − reference.
             */
            metrics: {
                [key: string]: number;
            };
            /**
             * Model
             * @description The catalog model evaluated, when it is not a checkpoint.
             */
            model: string | null;
            /** Progress */
            progress: number;
            /**
             * Project Id
             * @description The project it belongs to.
             */
            project_id: string;
            /**
             * Prompt Style
             * @enum {string}
             */
            prompt_style: "plain" | "chat";
            /**
             * Results
             * @description Per set: dataset_id, name, kind, role, metrics (with per-subject accuracy) and, for general sets, the reference model's metrics.
             */
            results: {
                [key: string]: unknown;
            }[];
            /** Run Id */
            run_id: string | null;
            /** Started At */
            started_at: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /**
             * Trigger
             * @enum {string}
             */
            trigger: "automatic" | "on_demand";
        };
        /** ExactDuplicates */
        ExactDuplicates: {
            /**
             * Duplicate Records
             * @description Records that repeat an earlier one (what dedup would drop).
             */
            duplicate_records: number;
            /** Examples */
            examples: components["schemas"]["DuplicateGroup"][];
            /** Groups */
            groups: number;
        };
        /** ExportCreate */
        ExportCreate: {
            /**
             * Dtype
             * @description Weight precision of the exported files: bf16 (default), fp16 or fp32.
             * @default bf16
             * @enum {string}
             */
            dtype: "bf16" | "fp16" | "fp32";
            /**
             * Kind
             * @description `adapter`: the LoRA adapter alone (LoRA/QLoRA checkpoints), loaded with peft onto its base. `merged`: one standalone model for plain transformers/vLLM — the adapter merged into its base (a QLoRA adapter into the dequantised 16-bit base), or a full/freeze checkpoint converted.
             * @enum {string}
             */
            kind: "adapter" | "merged";
        };
        /** ExportList */
        ExportList: {
            /** Items */
            items: components["schemas"]["ExportRead"][];
        };
        /** ExportRead */
        ExportRead: {
            /** Checkpoint Id */
            checkpoint_id: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Dtype
             * @enum {string}
             */
            dtype: "bf16" | "fp16" | "fp32";
            /**
             * Error
             * @description Why the export failed (a failed parity check names its figures).
             */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /** Id */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "adapter" | "merged";
            /**
             * Parity
             * @description The merged model against the model it was made from: passed, max_abs_logit_diff, tolerance, tokens_compared, tokens_matching, generations_identical; for QLoRA also quantisation_gap. Null for adapters.
             */
            parity: {
                [key: string]: unknown;
            } | null;
            /**
             * Size Bytes
             * @description Size of the exported files, once written.
             */
            size_bytes: number | null;
            /** Started At */
            started_at: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
        };
        /**
         * FamilyCreate
         * @description A model family: a base and/or a chat variant, each a local folder under an allowed root or an allowed hub id.
         */
        FamilyCreate: {
            /**
             * Base Source
             * @description The base variant: an absolute folder path or a hub id.
             */
            base_source?: string | null;
            /**
             * Chat Source
             * @description The chat variant: an absolute folder path or a hub id.
             */
            chat_source?: string | null;
            /**
             * Chat Template
             * @description For the base variant: the chat template it trains with (default: the chat variant's).
             */
            chat_template?: string | null;
            /**
             * Context Length
             * @description For hub ids (local folders: max_position_embeddings of config.json).
             */
            context_length?: number | null;
            /**
             * Default System Prompt
             * @description The chat variant's default system prompt.
             */
            default_system_prompt?: string | null;
            /**
             * Description
             * @default
             */
            description: string;
            /**
             * License
             * @description Licence of the weights, e.g. `Apache-2.0`.
             */
            license: string;
            /**
             * Name
             * @description Family name (lower case); its variants are named `<name>-base` and `<name>-chat`.
             */
            name: string;
            /**
             * Parameter Count
             * @description For hub ids (local folders are counted from their safetensors headers).
             */
            parameter_count?: number | null;
            recommended?: components["schemas"]["Recommended"];
            /**
             * Trust Remote Code
             * @description Run the Python code shipped with the model when loading it. Only for models whose code an admin has reviewed: it executes on every worker that loads the model.
             * @default false
             */
            trust_remote_code: boolean;
        };
        /** FamilyList */
        FamilyList: {
            /** Items */
            items: components["schemas"]["FamilyRead"][];
        };
        /** FamilyRead */
        FamilyRead: {
            /**
             * Builtin
             * @description Shipped with Tunewright; it can be retired but not edited or deleted.
             */
            builtin: boolean;
            /**
             * Chat Template
             * @description The base variant's template override, if any.
             */
            chat_template: string | null;
            /** Default System Prompt */
            default_system_prompt: string | null;
            /** Description */
            description: string;
            /** License */
            license: string;
            /** Name */
            name: string;
            /** Recommended */
            recommended: {
                [key: string]: unknown;
            };
            /** Retired At */
            retired_at: string | null;
            /** Trust Remote Code */
            trust_remote_code: boolean;
            /**
             * Usage
             * @description Runs, evaluations and data reports naming this family's models.
             */
            usage: {
                [key: string]: number;
            };
            /** Variants */
            variants: components["schemas"]["VariantRead"][];
            /**
             * Warnings
             * @description What the admin should know about this change.
             */
            warnings?: string[];
        };
        /**
         * FamilyUpdate
         * @description Fields left out are unchanged. Sources cannot change: add a new family instead.
         */
        FamilyUpdate: {
            /**
             * Chat Template
             * @description Empty string clears it.
             */
            chat_template?: string | null;
            /**
             * Default System Prompt
             * @description Empty string clears it.
             */
            default_system_prompt?: string | null;
            /** Description */
            description?: string | null;
            /** License */
            license?: string | null;
            recommended?: components["schemas"]["Recommended"] | null;
            /** Trust Remote Code */
            trust_remote_code?: boolean | null;
        };
        /** FileDeleted */
        FileDeleted: {
            /** Deleted */
            deleted: boolean;
            /** Id */
            id: string;
            /**
             * Object
             * @default file
             * @constant
             */
            object: "file";
        };
        /** FileList */
        FileList: {
            /** Data */
            data: components["schemas"]["FileObject"][];
            /** First Id */
            first_id: string | null;
            /** Has More */
            has_more: boolean;
            /** Last Id */
            last_id: string | null;
            /**
             * Object
             * @default list
             * @constant
             */
            object: "list";
        };
        /** FileObject */
        FileObject: {
            /** Bytes */
            bytes: number;
            /** Created At */
            created_at: number;
            /** Expires At */
            expires_at?: number | null;
            /** Filename */
            filename: string;
            /** Id */
            id: string;
            /**
             * Object
             * @default file
             * @constant
             */
            object: "file";
            /**
             * Purpose
             * @default fine-tune
             * @constant
             */
            purpose: "fine-tune";
            /**
             * Status
             * @description Files are validated whole at upload.
             * @default processed
             * @constant
             */
            status: "processed";
            /** Status Details */
            status_details?: string | null;
        };
        /** GpuJobRead */
        GpuJobRead: {
            /**
             * Attempts
             * @description Executions started; a lost worker's job is retried up to the limit.
             */
            attempts: number;
            /** Id */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "evaluation" | "export";
            /** Owner Email */
            owner_email: string | null;
            /**
             * Progress Pct
             * @description Evaluations report progress; exports do not.
             */
            progress_pct: number | null;
            /** Project Id */
            project_id: string;
            /**
             * Queued At
             * Format: date-time
             */
            queued_at: string;
            /**
             * Run Id
             * @description The run whose checkpoint it evaluates or exports; null for a model.
             */
            run_id: string | null;
            /** Started At */
            started_at: string | null;
            /**
             * Status
             * @description queued (the next free GPU worker takes it) or running.
             */
            status: string;
            /**
             * What
             * @description What it evaluates or exports, in words.
             */
            what: string;
            /**
             * Worker
             * @description The worker running it (or that last ran it).
             */
            worker: string | null;
        };
        /** GpuRead */
        GpuRead: {
            /**
             * Held By
             * @description The run assigned to or running on this GPU, if any.
             */
            held_by: string | null;
            /** Index */
            index: number;
            /** Memory Total Mb */
            memory_total_mb: number;
            /** Memory Used Mb */
            memory_used_mb: number;
            /** Name */
            name: string;
            /** Temperature C */
            temperature_c: number | null;
            /** Utilization Pct */
            utilization_pct: number | null;
        };
        /** Health */
        Health: {
            /** Broker */
            broker: boolean;
            /** Database */
            database: boolean;
            /**
             * Status
             * @enum {string}
             */
            status: "ok" | "degraded";
            /** Version */
            version: string;
        };
        /** Histogram */
        Histogram: {
            /** Counts */
            counts: number[];
            /**
             * Edges
             * @description Bin i holds edges[i] <= value < edges[i + 1].
             */
            edges: number[];
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /**
         * Hyperparameters
         * @description Training settings as submitted. `"auto"` is resolved at submission and the resolved value is stored.
         */
        Hyperparameters: {
            /**
             * Batch Size
             * @description Examples per optimizer step on one device (before accumulation).
             * @default 8
             */
            batch_size?: number;
            /**
             * Beta
             * @description Preference stages: the strength of the preference term. DPO and KTO: the inverse temperature that keeps the policy near the reference model (larger = closer); ORPO: lambda, the weight of the odds-ratio term added to the NLL loss; SimPO: the reward scale. 'auto' = 0.1 for DPO, KTO and ORPO, 2.0 for SimPO. Between 0 (excluded) and 100. Ignored by sft and cpt.
             * @default auto
             */
            beta?: number | "auto";
            /**
             * Distributed Strategy
             * @description How several devices share a run: 'ddp' keeps a whole copy of the model on each; 'fsdp' shards weights, gradients and optimizer states across them (full and freeze only). 'auto' = ddp, or fsdp when full/freeze fine-tuning fits only sharded.
             * @default auto
             * @enum {string}
             */
            distributed_strategy?: "auto" | "ddp" | "fsdp";
            /**
             * Early Stopping Patience
             * @description Stop after this many evaluations without a better eval loss; none = never.
             */
            early_stopping_patience?: number | null;
            /**
             * Effective Batch Size
             * @description Examples per optimizer step over all devices (batch_size x gradient_accumulation_steps), the batch the learning rate is tuned for. 'auto' = batch_size x gradient_accumulation_steps when accumulation is given, else batch_size (rounded up to a whole micro-batch per device).
             * @default auto
             */
            effective_batch_size?: number | "auto";
            /**
             * Epochs
             * @description Passes over the training data (SFT: more than 3 risks overfitting).
             * @default 3
             */
            epochs?: number;
            /**
             * Eval Fraction
             * @description Share of the training records held out (seeded) to measure eval loss.
             * @default 0
             */
            eval_fraction?: number;
            /**
             * Eval Steps
             * @description Measure eval loss every N steps (needs eval_fraction > 0); 'auto' = at each checkpoint.
             * @default auto
             */
            eval_steps?: number | "auto";
            /**
             * Freeze Trainable Layers
             * @description Method 'freeze': train only the last N decoder layers (and nothing else).
             * @default 2
             */
            freeze_trainable_layers?: number;
            /**
             * Gradient Accumulation Steps
             * @description Micro-batches summed per optimizer step, over all devices (each of k GPUs takes 1/k of them, so an explicit value must be a multiple of k). 'auto' = enough to reach effective_batch_size on the devices the run gets.
             * @default auto
             */
            gradient_accumulation_steps?: number | "auto";
            /**
             * Gradient Checkpointing
             * @description Recompute activations in the backward pass to save memory; 'auto' = on when needed.
             * @default auto
             */
            gradient_checkpointing?: boolean | "auto";
            /**
             * Kto Desirable Weight
             * @description KTO: loss weight of desirable answers (raise it when they are rarer).
             * @default 1
             */
            kto_desirable_weight?: number;
            /**
             * Kto Undesirable Weight
             * @description KTO: loss weight of undesirable answers.
             * @default 1
             */
            kto_undesirable_weight?: number;
            /**
             * Learning Rate
             * @description Peak learning rate; 'auto' uses the model family's recommendation (2e-4 for LoRA otherwise).
             * @default auto
             */
            learning_rate?: number | "auto";
            /**
             * Learning Rate Multiplier
             * @description Scales the 'auto' learning rate (the model family's recommendation); only with learning_rate 'auto'. OpenAI's `learning_rate_multiplier`.
             * @default 1
             */
            learning_rate_multiplier?: number;
            /**
             * Liger Kernels
             * @description Liger Kernel's fused Triton kernels (RMSNorm, RoPE, SwiGLU) for less memory and faster steps; needs the `liger` extra on the workers and a CUDA GPU. 'auto' = on when installed and the model's architecture is supported (llama, mistral, qwen2, gemma, phi3, ...).
             * @default auto
             */
            liger_kernels?: boolean | "auto";
            /**
             * Lora Alpha
             * @description LoRA scaling numerator; 'auto' = 2 × lora_r.
             * @default auto
             */
            lora_alpha?: number | "auto";
            /**
             * Lora Dropout
             * @description Dropout on the LoRA path.
             * @default 0
             */
            lora_dropout?: number;
            /**
             * Lora R
             * @description LoRA rank.
             * @default 8
             */
            lora_r?: number;
            /**
             * Lr Scheduler
             * @description Learning-rate schedule after warm-up.
             * @default cosine
             * @enum {string}
             */
            lr_scheduler?: "cosine" | "linear" | "constant";
            /**
             * Max Grad Norm
             * @description Gradients are clipped to this global norm.
             * @default 1
             */
            max_grad_norm?: number;
            /**
             * Max Seq Length
             * @description Tokens per example; longer examples are truncated. 'auto' = min(model context, 1024).
             * @default auto
             */
            max_seq_length?: number | "auto";
            /**
             * Max Steps
             * @description Stop after this many optimizer steps; 'auto' derives it from epochs and data size.
             * @default auto
             */
            max_steps?: number | "auto";
            /**
             * Packing
             * @description Padding-free packing: concatenate examples into rows with attention kept inside each example. 'auto' = on.
             * @default auto
             */
            packing?: boolean | "auto";
            /**
             * Precision
             * @description Compute precision; 'auto' = bf16 on GPUs that support it, fp32 on CPU.
             * @default auto
             */
            precision?: ("bf16" | "fp16" | "fp32") | "auto";
            /**
             * Save Steps
             * @description Write a checkpoint every N steps (and at the end); 'auto' = about 4 checkpoints per run.
             * @default auto
             */
            save_steps?: number | "auto";
            /**
             * Seed
             * @description Seed for data order, initialisation of adapters and dropout.
             * @default 42
             */
            seed?: number;
            /**
             * Simpo Gamma
             * @description SimPO: the target reward margin gamma between chosen and rejected.
             * @default 0.5
             */
            simpo_gamma?: number;
            /**
             * Target Modules
             * @description Modules that get LoRA adapters; 'all-linear' targets every linear layer but the output head.
             * @default all-linear
             */
            target_modules?: string[] | "all-linear";
            /**
             * Torch Compile
             * @description Compile the model's forward and backward with torch.compile (faster steps after a slow first one). 'auto' = on for full and freeze fine-tuning on CUDA, off on CPU and for adapters.
             * @default auto
             */
            torch_compile?: boolean | "auto";
            /**
             * Use Dora
             * @description DoRA: learn a magnitude vector besides the LoRA direction.
             * @default false
             */
            use_dora?: boolean;
            /**
             * Use Rslora
             * @description Rank-stabilised LoRA: scale by alpha/sqrt(r) instead of alpha/r.
             * @default false
             */
            use_rslora?: boolean;
            /**
             * Warmup Ratio
             * @description Fraction of steps spent warming the learning rate up linearly.
             * @default 0.03
             */
            warmup_ratio?: number;
            /**
             * Weight Decay
             * @description AdamW weight decay.
             * @default 0
             */
            weight_decay?: number;
        };
        /** HyperparametersOut */
        HyperparametersOut: {
            /** Batch Size */
            batch_size: number;
            /** Beta */
            beta?: number | null;
            /** Learning Rate Multiplier */
            learning_rate_multiplier: number;
            /** N Epochs */
            n_epochs: number;
        };
        /** Job */
        Job: {
            /** Created At */
            created_at: number;
            error: components["schemas"]["JobError"] | null;
            /** Estimated Finish */
            estimated_finish: number | null;
            /** Fine Tuned Model */
            fine_tuned_model: string | null;
            /** Finished At */
            finished_at: number | null;
            /** @description The resolved values ('auto' replaced). */
            hyperparameters: components["schemas"]["HyperparametersOut"];
            /** Id */
            id: string;
            /** Integrations */
            integrations: unknown[];
            /** Metadata */
            metadata: {
                [key: string]: string;
            } | null;
            method: components["schemas"]["MethodOut"];
            /** Model */
            model: string;
            /**
             * Object
             * @default fine_tuning.job
             * @constant
             */
            object: "fine_tuning.job";
            /** Organization Id */
            organization_id: string;
            /** Result Files */
            result_files: string[];
            /** Seed */
            seed: number;
            /**
             * Status
             * @enum {string}
             */
            status: "validating_files" | "queued" | "running" | "paused" | "succeeded" | "failed" | "cancelled";
            /** Trained Tokens */
            trained_tokens: number | null;
            /** Training File */
            training_file: string;
            /**
             * Tunewright
             * @description The workbench's view: the extension as sent, the resolved method/stage/model and the reasons.
             */
            tunewright: {
                [key: string]: unknown;
            };
            /** User Provided Suffix */
            user_provided_suffix: string | null;
            /** Validation File */
            validation_file: string | null;
        };
        /** JobCheckpoint */
        JobCheckpoint: {
            /** Created At */
            created_at: number;
            /** Fine Tuned Model Checkpoint */
            fine_tuned_model_checkpoint: string;
            /** Fine Tuning Job Id */
            fine_tuning_job_id: string;
            /** Id */
            id: string;
            metrics: components["schemas"]["CheckpointMetrics"];
            /**
             * Object
             * @default fine_tuning.job.checkpoint
             * @constant
             */
            object: "fine_tuning.job.checkpoint";
            /** Step Number */
            step_number: number;
        };
        /** JobCheckpointList */
        JobCheckpointList: {
            /** Data */
            data: components["schemas"]["JobCheckpoint"][];
            /** First Id */
            first_id: string | null;
            /** Has More */
            has_more: boolean;
            /** Last Id */
            last_id: string | null;
            /**
             * Object
             * @default list
             * @constant
             */
            object: "list";
        };
        /** JobCreate */
        JobCreate: {
            /** @description Deprecated by OpenAI in favour of `method`; the supervised hyperparameters. */
            hyperparameters?: components["schemas"]["SupervisedHyperparameters"] | null;
            /** Metadata */
            metadata?: {
                [key: string]: string;
            } | null;
            method?: components["schemas"]["MethodIn"] | null;
            /**
             * Model
             * @description A catalog model (`tiny-chat`) or a family (`tiny`: chat or base chosen for you).
             */
            model: string;
            /**
             * Seed
             * @description Seed of data order and initialisation; default 42.
             */
            seed?: number | null;
            /**
             * Suffix
             * @description Up to 64 letters, digits, `_`, `.` or `-`.
             */
            suffix?: string | null;
            /**
             * Training File
             * @description Id of an uploaded file (purpose fine-tune).
             */
            training_file: string;
            tunewright?: components["schemas"]["TunewrightExtension"] | null;
            /**
             * Validation File
             * @description Id of an uploaded file to measure eval loss on.
             */
            validation_file?: string | null;
        };
        /** JobError */
        JobError: {
            /** Code */
            code: string;
            /** Message */
            message: string;
            /** Param */
            param?: string | null;
        };
        /** JobEvent */
        JobEvent: {
            /** Created At */
            created_at: number;
            /** Data */
            data: {
                [key: string]: unknown;
            };
            /** Id */
            id: string;
            /**
             * Level
             * @enum {string}
             */
            level: "info" | "warn" | "error";
            /** Message */
            message: string;
            /**
             * Object
             * @default fine_tuning.job.event
             * @constant
             */
            object: "fine_tuning.job.event";
            /**
             * Type
             * @enum {string}
             */
            type: "message" | "metrics";
        };
        /** JobEventList */
        JobEventList: {
            /** Data */
            data: components["schemas"]["JobEvent"][];
            /** Has More */
            has_more: boolean;
            /**
             * Object
             * @default list
             * @constant
             */
            object: "list";
        };
        /** JobList */
        JobList: {
            /** Data */
            data: components["schemas"]["Job"][];
            /** Has More */
            has_more: boolean;
            /**
             * Object
             * @default list
             * @constant
             */
            object: "list";
        };
        /** LanguageCount */
        LanguageCount: {
            /**
             * Language
             * @description ISO 639-1 code, `latin-other`, `other` or `und` (no letters).
             */
            language: string;
            /** Records */
            records: number;
        };
        /** Listed */
        Listed: {
            /** Count */
            count: number;
            /**
             * Indices
             * @description The first record indices (0-based), at most 100.
             */
            indices: number[];
        };
        /** LoginRequest */
        LoginRequest: {
            /** Email */
            email: string;
            /** Password */
            password: string;
        };
        /** MaskPreview */
        MaskPreview: {
            /** Dataset Id */
            dataset_id: string;
            /**
             * Dataset Version Id
             * @description Set when the record was read from a version.
             */
            dataset_version_id?: string | null;
            /**
             * Default System Prompt
             * @description Inserted when the record has no system message.
             */
            default_system_prompt: string | null;
            /** Index */
            index: number;
            /**
             * Loss On
             * @enum {string}
             */
            loss_on: "assistant" | "all";
            /** Model */
            model: string;
            /**
             * Template
             * @description The chat template the record is rendered with (the model's own when it has one).
             */
            template: string;
            /** Template Reason */
            template_reason: string;
            /** Tokens */
            tokens: components["schemas"]["MaskToken"][];
            /** Total Tokens */
            total_tokens: number;
            /** Trained Tokens */
            trained_tokens: number;
        };
        /** MaskToken */
        MaskToken: {
            /** Text */
            text: string;
            /**
             * Trained
             * @description Whether this token carries loss in training.
             */
            trained: boolean;
        };
        /** Me */
        Me: {
            /**
             * Csrf Token
             * @description Signed in with a cookie: send this in X-CSRF-Token with every POST/PUT/PATCH/DELETE (it is also in the readable `tw_csrf` cookie).
             */
            csrf_token?: string | null;
            /**
             * Project Ids
             * @description Projects this user may see; null means every project (admins).
             */
            project_ids?: string[] | null;
            role: components["schemas"]["Role"];
            user: components["schemas"]["UserRead"];
        };
        /** MemberAdd */
        MemberAdd: {
            /**
             * Email
             * @description The email of an existing user.
             */
            email: string;
        };
        /** MemberList */
        MemberList: {
            /** Items */
            items: components["schemas"]["MemberRead"][];
        };
        /** MemberRead */
        MemberRead: {
            /**
             * Added At
             * Format: date-time
             */
            added_at: string;
            /** Email */
            email: string;
            /** Name */
            name: string;
            /** User Id */
            user_id: string;
        };
        /** MethodHyperparameters */
        MethodHyperparameters: {
            hyperparameters: components["schemas"]["HyperparametersOut"];
        };
        /** MethodIn */
        MethodIn: {
            dpo?: components["schemas"]["DpoMethod"] | null;
            supervised?: components["schemas"]["SupervisedMethod"] | null;
            /**
             * Type
             * @enum {string}
             */
            type: "supervised" | "dpo";
        };
        /** MethodOut */
        MethodOut: {
            dpo?: components["schemas"]["MethodHyperparameters"] | null;
            supervised?: components["schemas"]["MethodHyperparameters"] | null;
            /**
             * Type
             * @enum {string}
             */
            type: "supervised" | "dpo";
        };
        /** MixtureCreate */
        MixtureCreate: {
            /**
             * Kind
             * @description The kind of records the mixture produces; omitted, its first source's. A `text` mixture also takes conversation (`messages`) sources, rendered as text (see `render_as`); any other mixture takes sources of its own kind only.
             */
            kind?: ("messages" | "preference" | "kto" | "text" | "multiple_choice" | "prompts") | null;
            /**
             * Name
             * @description Saving under an existing name makes its next version.
             */
            name: string;
            /**
             * Seed
             * @description Which records down/up-sampling picks.
             * @default 42
             */
            seed: number;
            /** Sources */
            sources: components["schemas"]["MixtureSource"][];
        };
        /** MixtureList */
        MixtureList: {
            /** Items */
            items: components["schemas"]["MixtureRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** MixturePreview */
        MixturePreview: {
            /**
             * Approximate
             * @description True when some source's tokens are estimated: no data report (chars/4), or conversations rendered as text (`rendered`).
             */
            approximate: boolean;
            /** Kind */
            kind: string;
            /** Sources */
            sources: components["schemas"]["SourceBudget"][];
            /** Total Records */
            total_records: number;
            /** Total Tokens */
            total_tokens: number;
        };
        /** MixtureRead */
        MixtureRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Dataset Id
             * @description The materialised dataset (train on it), once succeeded.
             */
            dataset_id: string | null;
            /** Dataset Version Id */
            dataset_version_id: string | null;
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /**
             * Id
             * @description `mix_…`
             */
            id: string;
            /** Kind */
            kind: string;
            /** Name */
            name: string;
            /**
             * Plan
             * @description The token budget per source (the preview at creation).
             */
            plan: {
                [key: string]: unknown;
            };
            /** Progress */
            progress: number;
            /** Project Id */
            project_id: string;
            /** Seed */
            seed: number;
            /** Sources */
            sources: {
                [key: string]: unknown;
            }[];
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /** Version */
            version: number;
        };
        /** MixtureSource */
        MixtureSource: {
            /**
             * Dataset Version Id
             * @description A succeeded dataset version (`dsv_…`).
             */
            dataset_version_id: string;
            /**
             * Ratio
             * @description Relative share of tokens, e.g. 1 (domain) and 5 (general).
             */
            ratio?: number | null;
            /** @description Only for a conversation (`messages`) source in a `text` mixture: how each conversation becomes one text record. Omitted there, `plain`. */
            render_as?: components["schemas"]["RenderAs"] | null;
            /**
             * Sampling
             * @description `down`: never repeat a record (a source asked for more than it has gives what it has); `up`: repeat records to reach the share.
             * @default down
             * @enum {string}
             */
            sampling: "down" | "up";
            /**
             * Target Tokens
             * @description Tokens this source contributes, instead of a ratio.
             */
            target_tokens?: number | null;
        };
        /** Model */
        Model: {
            /** Created */
            created: number;
            /** Id */
            id: string;
            /**
             * Object
             * @default model
             * @constant
             */
            object: "model";
            /** Owned By */
            owned_by: string;
        };
        /** ModelRead */
        ModelRead: {
            /**
             * Available
             * @description False when a local model folder is missing (run `make up` to generate it).
             */
            available: boolean;
            /** Context Length */
            context_length: number | null;
            /** Default System Prompt */
            default_system_prompt: string | null;
            /** Description */
            description: string;
            /** Family */
            family: string;
            /** Id */
            id: string;
            /** License */
            license: string;
            /**
             * Name
             * @description Catalog name used in run specs, e.g. `tiny-chat`.
             */
            name: string;
            /** Parameter Count */
            parameter_count: number | null;
            /**
             * Recommended
             * @description Hyperparameters the family recommends; used for 'auto'.
             */
            recommended: {
                [key: string]: unknown;
            };
            /**
             * Source
             * @description Local folder or Hugging Face hub id.
             */
            source: string;
            /**
             * Variant
             * @enum {string}
             */
            variant: "base" | "chat";
        };
        /** NearDuplicates */
        NearDuplicates: {
            /**
             * Duplicate Records
             * @description Records that repeat an earlier one (what dedup would drop).
             */
            duplicate_records: number;
            /** Examples */
            examples: components["schemas"]["DuplicateGroup"][];
            /** Groups */
            groups: number;
            /** Num Perm */
            num_perm: number;
            /** Shingle Words */
            shingle_words: number;
            /** Threshold */
            threshold: number;
        };
        /** NextPair */
        NextPair: {
            /** @description None when this rater has rated (or skipped) every pair. */
            pair: components["schemas"]["PairToRate"] | null;
            /**
             * Rated
             * @description Pairs this rater has rated.
             */
            rated: number;
            /** Total */
            total: number;
        };
        /**
         * PairToRate
         * @description One pair as a rater sees it: answers A and B in a per-rater random order, no candidate named.
         */
        PairToRate: {
            /** Answer A */
            answer_a: string;
            /** Answer B */
            answer_b: string;
            /** Pair Id */
            pair_id: string;
            /**
             * Prompt
             * @description The conversation the candidates answered (ends with a user turn).
             */
            prompt: {
                [key: string]: string;
            }[];
            /** Reference */
            reference: string | null;
        };
        /** PairwiseResult */
        PairwiseResult: {
            /** First */
            first: string;
            /** High */
            high: number;
            /** Losses */
            losses: number;
            /**
             * Low
             * @description Wilson 95 % interval.
             */
            low: number;
            /** Second */
            second: string;
            /** Ties */
            ties: number;
            /**
             * Win Rate
             * @description (wins + ties / 2) / ratings, for `first` over `second`.
             */
            win_rate: number;
            /**
             * Wins
             * @description Ratings where `first` won.
             */
            wins: number;
        };
        /** Pii */
        Pii: {
            /**
             * By Type
             * @description email, phone, credit_card (Luhn), iban (mod 97), cn_resident_id (checksum), ip_address.
             */
            by_type: {
                [key: string]: components["schemas"]["PiiType"];
            };
            /** @description Records with any PII-looking string. */
            records: components["schemas"]["Listed"];
        };
        /** PiiExample */
        PiiExample: {
            /** Index */
            index: number;
            /**
             * Value
             * @description The value, masked.
             */
            value: string;
        };
        /** PiiType */
        PiiType: {
            /** Count */
            count: number;
            /** Examples */
            examples: components["schemas"]["PiiExample"][];
            /**
             * Indices
             * @description The first record indices (0-based), at most 100.
             */
            indices: number[];
            /** Matches */
            matches: number;
        };
        /** PriorityUpdate */
        PriorityUpdate: {
            /**
             * Priority
             * @description Higher runs first; default 0.
             */
            priority: number;
        };
        /**
         * Problem
         * @description One problem among several: a request field, or a record of an uploaded file.
         */
        Problem: {
            /** Field */
            field: string;
            /** File */
            file?: string | null;
            /** Line */
            line?: number | null;
            /** Message */
            message: string;
        };
        /** ProjectCreate */
        ProjectCreate: {
            /**
             * Description
             * @default
             */
            description: string;
            /**
             * Name
             * @description Unique across the workbench.
             */
            name: string;
            /**
             * Slug
             * @description Lower-case letters, digits and dashes; the project part of fine-tuned model names (`ft:<base>:<slug>:<suffix>:<job>`). Derived from the name when left out.
             */
            slug?: string | null;
        };
        /** ProjectList */
        ProjectList: {
            /** Items */
            items: components["schemas"]["ProjectRead"][];
        };
        /** ProjectQuotaRead */
        ProjectQuotaRead: {
            /**
             * Effective Max Gpus
             * @description The limit in force (override or default); null: none.
             */
            effective_max_gpus: number | null;
            /** Effective Max Runs */
            effective_max_runs: number | null;
            /**
             * Max Gpus
             * @description This project's override; null keeps the default.
             */
            max_gpus: number | null;
            /** Max Runs */
            max_runs: number | null;
            /** Name */
            name: string;
            /** Project Id */
            project_id: string;
        };
        /** ProjectRead */
        ProjectRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string | null;
            /** Description */
            description: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Slug */
            slug: string;
        };
        /** ProjectUpdate */
        ProjectUpdate: {
            /** Description */
            description?: string | null;
            /** Name */
            name?: string | null;
        };
        /** Quality */
        Quality: {
            /**
             * By Reason
             * @description repetition, symbols, character_run.
             */
            by_reason: {
                [key: string]: components["schemas"]["Listed"];
            };
            /** @description Records with any garbage or repetition flag. */
            flagged: components["schemas"]["Listed"];
            /** Thresholds */
            thresholds: {
                [key: string]: number;
            };
        };
        /** QuarantinedRecord */
        QuarantinedRecord: {
            /**
             * Field
             * @description The field at fault; empty when the record as a whole is.
             */
            field: string;
            /** File */
            file: string;
            /**
             * Index
             * @description 0-based position in the quarantine list (what `offset` takes).
             */
            index: number;
            /**
             * Line
             * @description Its line in the file (its row, for Parquet).
             */
            line: number;
            /**
             * Message
             * @description What is wrong with it and what to change.
             */
            message: string;
            /**
             * Number
             * @description 1-based number in the quarantine list, as the UI shows it; always index + 1.
             */
            number: number;
            /**
             * Raw
             * @description The record as it stands in the file (a CSV or Parquet row as a JSON object).
             */
            raw: string;
            /**
             * Unit
             * @enum {string}
             */
            unit: "line" | "row";
        };
        /** QuarantinedRecords */
        QuarantinedRecords: {
            /** Items */
            items: components["schemas"]["QuarantinedRecord"][];
            /** Next Offset */
            next_offset: number | null;
            /** Total */
            total: number;
        };
        /** QueuedRunRead */
        QueuedRunRead: {
            /** Assigned Gpus */
            assigned_gpus: number[] | null;
            /** Assigned Worker */
            assigned_worker: string | null;
            /**
             * Estimated Start
             * @description Rough: when enough running runs should have finished, from their progress so far.
             */
            estimated_start: string | null;
            /** Gpu Memory Required Mb */
            gpu_memory_required_mb: number;
            /** Gpus Required */
            gpus_required: number;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Owner Email */
            owner_email: string;
            /** Owner Id */
            owner_id: string;
            /**
             * Position
             * @description 1 = placed next; null once assigned to a worker.
             */
            position: number | null;
            /** Priority */
            priority: number;
            /** Queued At */
            queued_at: string | null;
            /**
             * Status
             * @description queued; an assigned run waits for its worker to take it.
             */
            status: string;
            /** Wait Reason */
            wait_reason: string | null;
        };
        /** QueueRead */
        QueueRead: {
            /** Auto Preempt After Seconds */
            auto_preempt_after_seconds: number | null;
            /**
             * Gpu Jobs
             * @description Evaluations and exports on the shared GPU queue, oldest first: GPU workers take them beside their runs, in arrival order; the scheduler does not place them.
             */
            gpu_jobs: components["schemas"]["GpuJobRead"][];
            /**
             * Queued
             * @description In scheduling order.
             */
            queued: components["schemas"]["QueuedRunRead"][];
            /** Running */
            running: components["schemas"]["RunningRunRead"][];
            /** Usage */
            usage: components["schemas"]["UsageRead"][];
            /** Workers */
            workers: components["schemas"]["WorkerRead"][];
        };
        /** QuotaRead */
        QuotaRead: {
            /**
             * Effective Max Gpus
             * @description The limit in force (override or default); null: none.
             */
            effective_max_gpus: number | null;
            /** Effective Max Runs */
            effective_max_runs: number | null;
            /** Email */
            email: string;
            /**
             * Max Gpus
             * @description This user's override; null keeps the default.
             */
            max_gpus: number | null;
            /** Max Runs */
            max_runs: number | null;
            /** User Id */
            user_id: string;
        };
        /** QuotaUpdate */
        QuotaUpdate: {
            /**
             * Max Gpus
             * @description Null: the default of the settings.
             */
            max_gpus?: number | null;
            /**
             * Max Runs
             * @description Null: the default of the settings.
             */
            max_runs?: number | null;
        };
        /** RankedCandidate */
        RankedCandidate: {
            /** Candidate */
            candidate: string;
            /** Comparisons */
            comparisons: number;
            /**
             * Elo
             * @description 1000 + 400·log10(strength); None for a candidate without a win or tie.
             */
            elo: number | null;
            /**
             * Strength
             * @description Bradley-Terry strength (geometric mean 1).
             */
            strength: number;
            /**
             * Wins
             * @description Ties count half.
             */
            wins: number;
        };
        /** RatingCreate */
        RatingCreate: {
            /**
             * Choice
             * @description 'a', 'b' or 'tie', as the answers were shown to this rater.
             * @enum {string}
             */
            choice: "a" | "b" | "tie";
            /** Comment */
            comment?: string | null;
            /** Pair Id */
            pair_id: string;
            /**
             * Rater
             * @description Who rates; defaults to the current user's name.
             * @default
             */
            rater: string;
        };
        /** RatingRead */
        RatingRead: {
            /**
             * Choice
             * @enum {string}
             */
            choice: "a" | "b" | "tie";
            /** Comment */
            comment: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /** Pair Id */
            pair_id: string;
            /** Rater */
            rater: string;
        };
        /**
         * Recommended
         * @description Settings the family recommends; a run's `"auto"` uses them.
         */
        Recommended: {
            /**
             * Learning Rate
             * @description Peak LoRA/QLoRA learning rate for this family's 'auto'.
             */
            learning_rate?: number | null;
        };
        /**
         * RenderAs
         * @description How a conversation source becomes text in a `text` mixture (multi-task instruction pretraining).
         */
        RenderAs: {
            /**
             * Model
             * @description Catalog model whose chat template renders (style=chat_template).
             */
            model?: string | null;
            /**
             * Style
             * @description `plain`: each message's text in order, separated by a blank line, no role names or special tokens (instruction-pretraining style, model-agnostic); `chat_template`: the conversation exactly as SFT training renders it for `model` (its chat template and default system prompt) — pick the model you will train on.
             * @default plain
             * @enum {string}
             */
            style: "plain" | "chat_template";
        };
        /** ReportCreate */
        ReportCreate: {
            /**
             * Compare With
             * @description Another dataset's id: records of this dataset that also occur there (exactly or nearly) are reported as train/eval contamination.
             */
            compare_with?: string | null;
            /**
             * Max Length
             * @description Records longer than this many tokens are over-long; default: the model's context length.
             */
            max_length?: number | null;
            /**
             * Model
             * @description Catalog model whose tokenizer counts the tokens (and whose chat template renders conversations).
             */
            model: string;
            /**
             * Near Duplicate Threshold
             * @description Estimated Jaccard similarity of word 5-gram shingles from which two records are near duplicates.
             * @default 0.8
             */
            near_duplicate_threshold: number;
        };
        /** ReportList */
        ReportList: {
            /** Items */
            items: components["schemas"]["ReportRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** ReportRead */
        ReportRead: {
            /** Compare Dataset Id */
            compare_dataset_id: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Dataset Id */
            dataset_id: string;
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /** Id */
            id: string;
            /** Max Length */
            max_length: number;
            /** Model */
            model: string;
            /** Near Duplicate Threshold */
            near_duplicate_threshold: number;
            /** Progress */
            progress: number;
            /**
             * Project Id
             * @description The project it belongs to.
             */
            project_id: string;
            /** @description The report, once it succeeded. */
            result: components["schemas"]["ReportResult"] | null;
            /** Started At */
            started_at: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
        };
        /** ReportResult */
        ReportResult: {
            contamination: components["schemas"]["Contamination"] | null;
            empty: components["schemas"]["Listed"];
            exact_duplicates: components["schemas"]["ExactDuplicates"];
            /** Kind */
            kind: string;
            /** Languages */
            languages: components["schemas"]["LanguageCount"][];
            /** Max Length */
            max_length: number;
            near_duplicates: components["schemas"]["NearDuplicates"];
            over_long: components["schemas"]["Listed"];
            pii: components["schemas"]["Pii"];
            quality: components["schemas"]["Quality"];
            /** Records */
            records: number;
            template_errors: components["schemas"]["TemplateErrors"];
            tokens: components["schemas"]["TokenStats"];
            /** @description Messages per record; null for raw text. */
            turns: components["schemas"]["Distribution"] | null;
        };
        /**
         * Resources
         * @description The hardware a run may use; 'auto' takes the pool the admin declared (TUNEWRIGHT_GPU_*).
         */
        Resources: {
            /**
             * Gpu Memory Gb
             * @description Memory of each GPU, in GB.
             * @default auto
             */
            gpu_memory_gb: number | "auto";
            /**
             * Gpu Type
             * @description GPU model for the time estimate, e.g. H100, A100, L40S.
             * @default auto
             */
            gpu_type: string | "auto";
            /**
             * Gpus
             * @description GPUs for this run; 0 trains on the CPU.
             * @default auto
             */
            gpus: number | "auto";
        };
        /**
         * Role
         * @enum {string}
         */
        Role: "admin" | "analyst" | "viewer";
        /** RunEventList */
        RunEventList: {
            /** Items */
            items: components["schemas"]["RunEventRead"][];
            /**
             * Next After
             * @description Pass as `after` for the next page; null when there is nothing more yet.
             */
            next_after: number | null;
        };
        /** RunEventRead */
        RunEventRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Data */
            data: {
                [key: string]: unknown;
            };
            /**
             * Id
             * @description Increasing within a run; pass the last one seen as `after`.
             */
            id: number;
            /**
             * Kind
             * @enum {string}
             */
            kind: "metric" | "log" | "status" | "checkpoint";
            /** Run Id */
            run_id: string;
            /** Step */
            step: number | null;
        };
        /** RunList */
        RunList: {
            /** Items */
            items: components["schemas"]["RunRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** RunningRunRead */
        RunningRunRead: {
            /** Cancel Requested */
            cancel_requested: boolean;
            /**
             * Eta
             * @description From the steps done since it started; null before the first step.
             */
            eta: string | null;
            /** Gpus */
            gpus: number[];
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Owner Email */
            owner_email: string;
            /** Owner Id */
            owner_id: string;
            /** Pause Requested */
            pause_requested: boolean;
            /**
             * Preempting
             * @description It checkpoints and goes back to the queue after its current step.
             */
            preempting: boolean;
            /** Priority */
            priority: number;
            /** Progress Pct */
            progress_pct: number;
            /** Started At */
            started_at: string | null;
            /** Step */
            step: number;
            /** Total Steps */
            total_steps: number;
            /** Worker */
            worker: string | null;
        };
        /** RunProgress */
        RunProgress: {
            /** Epoch */
            epoch: number;
            /** Loss */
            loss: number | null;
            /** Step */
            step: number;
            /** Total Steps */
            total_steps: number;
        };
        /**
         * RunQueueInfo
         * @description Where the run stands in the GPU queue.
         */
        RunQueueInfo: {
            /**
             * Assigned Gpus
             * @description The GPU indices it holds on that worker.
             */
            assigned_gpus: number[] | null;
            /**
             * Assigned Worker
             * @description The worker it is assigned to or runs on.
             */
            assigned_worker: string | null;
            /**
             * Gpu Memory Required Mb
             * @description Free memory it needs on each GPU, from the pre-flight estimate.
             */
            gpu_memory_required_mb: number;
            /**
             * Gpus Required
             * @description GPUs it needs on one worker (0: a CPU run).
             */
            gpus_required: number;
            /**
             * Position
             * @description Its place among the waiting runs (1 = next); null when not waiting.
             */
            position: number | null;
            /**
             * Priority
             * @description Higher runs are placed first; admins change it.
             */
            priority: number;
            /**
             * Wait Reason
             * @description Why it waits, e.g. 'waiting for 2 GPUs with ≥ 40 GB each; …'.
             */
            wait_reason: string | null;
        };
        /** RunRead */
        RunRead: {
            /**
             * Attempts
             * @description Executions started (a worker lost mid-run causes a retry from the checkpoint).
             */
            attempts: number;
            /** Cancel Requested */
            cancel_requested: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Dataset Id */
            dataset_id: string;
            /**
             * Dataset Version Id
             * @description The dataset version it trains on (`dsv_…`), resolved at submission; its sha256 is in resolved_spec.
             */
            dataset_version_id: string | null;
            /** Error */
            error: string | null;
            /**
             * Evaluation
             * @description The automatic evaluation of every checkpoint (eval sets, general sets, best_metric resolved).
             */
            evaluation: {
                [key: string]: unknown;
            } | null;
            /** Finished At */
            finished_at: string | null;
            /** Id */
            id: string;
            /** Method */
            method: string;
            /**
             * Mixture Id
             * @description The mixture it trains on (`mix_…`), when it was started from one; the mixture, its seed and its sources' versions and hashes are in resolved_spec.mixture.
             */
            mixture_id?: string | null;
            /** Model */
            model: string;
            /** Name */
            name: string;
            /**
             * Pause Requested
             * @description A running run will stop at a checkpoint after its current step.
             */
            pause_requested: boolean;
            progress: components["schemas"]["RunProgress"];
            /**
             * Project Id
             * @description The project it belongs to.
             */
            project_id: string;
            queue: components["schemas"]["RunQueueInfo"];
            /**
             * Recommended Checkpoint Id
             * @description The best checkpoint by the evaluation's best_metric among those evaluated so far.
             */
            recommended_checkpoint_id: string | null;
            /**
             * Resolved Spec
             * @description What the engine runs: every 'auto' resolved, with decisions.
             */
            resolved_spec: {
                [key: string]: unknown;
            };
            /**
             * Spec
             * @description The spec as submitted, with its 'auto' values.
             */
            spec: {
                [key: string]: unknown;
            };
            /** Stage */
            stage: string;
            /** Started At */
            started_at: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "validating" | "queued" | "running" | "paused" | "succeeded" | "failed" | "cancelled";
            /**
             * Trackers
             * @description The run in the experiment trackers the workers are configured with.
             */
            trackers?: components["schemas"]["TrackerLink"][];
        };
        /** SamplingSettings */
        SamplingSettings: {
            /**
             * Max Tokens
             * @description Longest answer, in tokens.
             * @default 256
             */
            max_tokens: number;
            /**
             * Seed
             * @description Makes every candidate's sampling repeatable.
             * @default 0
             */
            seed: number | null;
            /**
             * Temperature
             * @description 0 is greedy decoding.
             * @default 0.7
             */
            temperature: number;
            /**
             * Top P
             * @default 1
             */
            top_p: number;
        };
        /**
         * ServableModel
         * @description Something /v1/chat/completions can answer with: pass `id` as the request's `model`.
         */
        ServableModel: {
            /**
             * Base Model
             * @description The catalog model the weights started from.
             */
            base_model: string;
            /**
             * Chat
             * @description Whether it has a chat template (/v1/chat/completions); without one, use /v1/completions.
             */
            chat: boolean;
            /**
             * Id
             * @description A catalog model name or a checkpoint id.
             */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "catalog" | "checkpoint";
            /**
             * Label
             * @description How to show it: the model name, or run name, step and base model.
             */
            label: string;
            /** Run Id */
            run_id?: string | null;
            /** Step */
            step?: number | null;
        };
        /** ServableModelList */
        ServableModelList: {
            /** Items */
            items: components["schemas"]["ServableModel"][];
        };
        /** SourceBudget */
        SourceBudget: {
            /**
             * Available Tokens
             * @description Tokens of the version (estimated: see `estimate`).
             */
            available_tokens: number;
            /**
             * Capped
             * @description Asked for more than it has, but sampling is `down`: it gives what it has.
             */
            capped: boolean;
            /** Dataset Id */
            dataset_id: string;
            /** Dataset Name */
            dataset_name: string;
            /** Dataset Version Id */
            dataset_version_id: string;
            /**
             * Estimate
             * @description `report`: from the dataset's newest data report (tokens per record × records); `rendered`: a conversation rendered as text, estimated from its report (content tokens for `plain`, another model's template for `chat_template`) — approximate; `chars/4`: no report yet, so bytes / 4 — a rough approximation; run a data report for real token counts.
             * @enum {string}
             */
            estimate: "report" | "rendered" | "chars/4";
            /**
             * Factor
             * @description records_out / records: below 1 down-sampled, above 1 up-sampled.
             */
            factor: number;
            /**
             * Kind
             * @description The kind of records the version holds.
             */
            kind: string;
            /**
             * Records
             * @description Records of the version.
             */
            records: number;
            /**
             * Records Out
             * @description Records written, repeats included.
             */
            records_out: number;
            /** @description How its conversations become text, when they do. */
            render_as: components["schemas"]["RenderAs"] | null;
            /**
             * Share
             * @description Its share of the mixture's tokens.
             */
            share: number;
            /** Target Tokens */
            target_tokens: number;
            /**
             * Tokens
             * @description Tokens it contributes.
             */
            tokens: number;
            /** Version */
            version: number;
        };
        /** SourceCreate */
        SourceCreate: {
            /**
             * Kind
             * @description `local`: a root folder; `hub`: a hub id pattern.
             * @enum {string}
             */
            kind: "local" | "hub";
            /**
             * Note
             * @default
             */
            note: string;
            /**
             * Value
             * @description An absolute folder path, or a pattern like `Qwen/*`.
             */
            value: string;
        };
        /** SourceList */
        SourceList: {
            /** Items */
            items: components["schemas"]["SourceRead"][];
        };
        /** SourceRead */
        SourceRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "local" | "hub";
            /** Note */
            note: string;
            /** Value */
            value: string;
        };
        /** SourceUpdate */
        SourceUpdate: {
            /** Note */
            note?: string | null;
            /** Value */
            value?: string | null;
        };
        /** SplitCreate */
        SplitCreate: {
            /**
             * Eval Count
             * @description Number of records held out for eval.
             */
            eval_count?: number | null;
            /**
             * Eval Fraction
             * @description Share of the records held out for eval (rounded, at least 1).
             */
            eval_fraction?: number | null;
            /**
             * Parent Version Id
             * @description The version to split; default: the dataset's newest training version.
             */
            parent_version_id?: string | null;
            /**
             * Seed
             * @description The same seed always picks the same records.
             * @default 42
             */
            seed: number;
        };
        /** SplitRead */
        SplitRead: {
            eval: components["schemas"]["DatasetVersionRead"];
            train: components["schemas"]["DatasetVersionRead"];
        };
        /** StreamOptions */
        StreamOptions: {
            /**
             * Include Usage
             * @description Send a last chunk with the token counts.
             * @default false
             */
            include_usage: boolean;
        };
        /** SupervisedHyperparameters */
        SupervisedHyperparameters: {
            /**
             * Batch Size
             * @default auto
             */
            batch_size?: "auto" | number;
            /**
             * Learning Rate Multiplier
             * @description Multiplies the model family's recommended learning rate ('auto' = 1).
             * @default auto
             */
            learning_rate_multiplier?: "auto" | number;
            /**
             * N Epochs
             * @default auto
             */
            n_epochs?: "auto" | number;
        };
        /** SupervisedMethod */
        SupervisedMethod: {
            hyperparameters?: components["schemas"]["SupervisedHyperparameters"];
        };
        /** TemplateErrors */
        TemplateErrors: {
            /** Count */
            count: number;
            /** First */
            first: string | null;
            /**
             * Indices
             * @description The first record indices (0-based), at most 100.
             */
            indices: number[];
        };
        /** TextPart */
        TextPart: {
            /** Text */
            text: string;
            /**
             * Type
             * @constant
             */
            type: "text";
        };
        /** TokenStats */
        TokenStats: {
            /**
             * Roles
             * @description Tokens per record of each role's content: system, user, assistant, tool (conversations), chosen/rejected (preference pairs) or document (raw text).
             */
            roles: {
                [key: string]: components["schemas"]["Distribution"];
            };
            /** @description Tokens per record as the model sees it (chat template included). */
            total: components["schemas"]["Distribution"];
        };
        /** TrackerLink */
        TrackerLink: {
            /**
             * Name
             * @description The experiment tracker.
             * @enum {string}
             */
            name: "MLflow" | "W&B";
            /**
             * Url
             * @description A web page of the tracker run, when the tracker has one the browser can open.
             */
            url: string | null;
            /**
             * Where
             * @description The tracker run: a URL, or a store and run id when it has no web address.
             */
            where: string;
        };
        /**
         * TrainingSpecCreate
         * @description What a user submits to start a run.
         */
        TrainingSpecCreate: {
            /**
             * Dataset Id
             * @description Id of the training dataset (`ds_…`); the run trains on its newest version that is not an eval split, unless `dataset_version_id` names one. Give this or `mixture_id`, not both.
             */
            dataset_id?: string | null;
            /**
             * Dataset Version Id
             * @description A version of that dataset to train on (`dsv_…`, e.g. a cleaned or train-split version); GET /api/datasets/{id}/versions lists them. Not with `mixture_id`.
             */
            dataset_version_id?: string | null;
            /**
             * Eval Dataset Id
             * @description A separate dataset (of the same kind as the training data) to measure eval loss on, instead of holding out `eval_fraction` of the training records. OpenAI's `validation_file`.
             */
            eval_dataset_id?: string | null;
            /** @description Evaluate every checkpoint automatically and recommend the best one. */
            evaluation?: components["schemas"]["EvaluationPlan"] | null;
            hyperparameters?: components["schemas"]["Hyperparameters"];
            /**
             * Loss On
             * @description Which tokens carry loss: assistant turns only (default) or the whole conversation.
             * @default assistant
             * @enum {string}
             */
            loss_on: "assistant" | "all";
            /**
             * Method
             * @description How weights are trained: LoRA adapters, QLoRA (4-bit base + LoRA), full fine-tuning, or freeze (only the last layers). 'auto' decides from model size, data size and memory.
             * @default auto
             */
            method: ("lora" | "qlora" | "full" | "freeze") | "auto";
            /**
             * Mixture Id
             * @description A succeeded mixture (`mix_…`) to train on instead of `dataset_id`: the run trains on the dataset version it was materialised into, and records the mixture and its sources' versions and hashes.
             */
            mixture_id?: string | null;
            /**
             * Model
             * @description A catalog model (`tiny-chat`) or a model family (`tiny`): for a family the chat or base variant is chosen from the data size and the GPU budget.
             */
            model: string;
            /**
             * Name
             * @description A label for the run; generated when absent.
             */
            name?: string | null;
            resources?: components["schemas"]["Resources"];
            /**
             * Stage
             * @description Training stage: `sft` = supervised fine-tuning on conversations; `cpt` = continued pretraining on raw text (packed blocks, loss on every token); `dpo`, `orpo`, `simpo` = preference tuning on chosen/rejected pairs (`preference` datasets); `kto` = preference tuning on answers labelled desirable or undesirable (`kto` datasets).
             * @default sft
             * @enum {string}
             */
            stage: "sft" | "cpt" | "dpo" | "orpo" | "simpo" | "kto";
        };
        /**
         * TunewrightExtension
         * @description Workbench settings OpenAI's API lacks; send them with the SDK's `extra_body={"tunewright": {...}}`.
         */
        TunewrightExtension: {
            /** @description Any workbench hyperparameter (lora_r, target_modules, max_steps, eval_fraction, …); those OpenAI names (epochs, batch_size, learning_rate_multiplier, seed) go in `method` and `seed` instead. */
            hyperparameters?: components["schemas"]["Hyperparameters"] | null;
            /** Loss On */
            loss_on?: ("assistant" | "all") | null;
            /**
             * Method
             * @description lora, qlora, full, freeze or auto.
             */
            method?: ("lora" | "qlora" | "full" | "freeze") | "auto" | null;
            /**
             * Name
             * @description A label for the run.
             */
            name?: string | null;
            resources?: components["schemas"]["Resources"] | null;
            /**
             * Stage
             * @description Training stage, e.g. `cpt` (continued pretraining).
             */
            stage?: ("sft" | "cpt" | "dpo" | "orpo" | "simpo" | "kto") | null;
        };
        /** Usage */
        Usage: {
            /** Completion Tokens */
            completion_tokens: number;
            /** Prompt Tokens */
            prompt_tokens: number;
            /** Total Tokens */
            total_tokens: number;
        };
        /** UsageRead */
        UsageRead: {
            /** Email */
            email: string;
            /**
             * Gpu Hours
             * @description GPUs × hours since each run first started (paused time included).
             */
            gpu_hours: number;
            /** Gpus Held */
            gpus_held: number;
            quota: components["schemas"]["QuotaRead"];
            /** Runs Held */
            runs_held: number;
            /** Runs Queued */
            runs_queued: number;
            /** User Id */
            user_id: string;
        };
        /** UserCreate */
        UserCreate: {
            /**
             * Email
             * @description Sign-in name; for a service account any unique id.
             */
            email: string;
            /**
             * Is Service Account
             * @description Automation: API keys only, no password.
             * @default false
             */
            is_service_account: boolean;
            /** Name */
            name: string;
            /**
             * Password
             * @description Initial password (people only; at least 10 characters).
             */
            password?: string | null;
            /** @default analyst */
            role: components["schemas"]["Role"];
        };
        /** UserList */
        UserList: {
            /** Items */
            items: components["schemas"]["UserRead"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` to get the next page; null on the last page.
             */
            next_cursor: string | null;
        };
        /** UserRead */
        UserRead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Disabled */
            disabled: boolean;
            /** Email */
            email: string;
            /**
             * Has Password
             * @description Whether the account can sign in in the browser.
             */
            has_password: boolean;
            /** Id */
            id: string;
            /** Is Service Account */
            is_service_account: boolean;
            /** Last Login At */
            last_login_at: string | null;
            /** Name */
            name: string;
            role: components["schemas"]["Role"];
        };
        /** UserUpdate */
        UserUpdate: {
            /**
             * Disabled
             * @description A disabled account cannot sign in or use its keys.
             */
            disabled?: boolean | null;
            /** Name */
            name?: string | null;
            /**
             * Password
             * @description Set a new password (people only).
             */
            password?: string | null;
            role?: components["schemas"]["Role"] | null;
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
        /** VariantRead */
        VariantRead: {
            /**
             * Available
             * @description False when a local folder is missing.
             */
            available: boolean;
            /** Context Length */
            context_length: number | null;
            /** Name */
            name: string;
            /** Parameter Count */
            parameter_count: number | null;
            /** Source */
            source: string;
            /**
             * Source Allowed
             * @description False when the allow-list no longer covers the source.
             */
            source_allowed: boolean;
            /**
             * Variant
             * @enum {string}
             */
            variant: "base" | "chat";
        };
        /** VersionRecord */
        VersionRecord: {
            /**
             * Index
             * @description 0-based position of the record in the version (what `offset` takes).
             */
            index: number;
            /**
             * Number
             * @description 1-based record number, as the UI shows it (#1 is the first); always index + 1.
             */
            number: number;
            /** Record */
            record: {
                [key: string]: unknown;
            };
        };
        /** VersionRecords */
        VersionRecords: {
            /** Items */
            items: components["schemas"]["VersionRecord"][];
            /**
             * Next Offset
             * @description Pass as `offset` for the next page; with `q`, where the search resumes. None at the end.
             */
            next_offset: number | null;
            /**
             * Q
             * @description The search the page answers, when there was one.
             */
            q?: string | null;
            /**
             * Total
             * @description Records in the version (not the number of matches when searching).
             */
            total: number;
        };
        /** WorkerRead */
        WorkerRead: {
            /** Cpu Count */
            cpu_count: number;
            /**
             * Drained
             * @description Takes no new runs; the ones it runs finish.
             */
            drained: boolean;
            /** Gpus */
            gpus: components["schemas"]["GpuRead"][];
            /** Host */
            host: string;
            /**
             * Last Heartbeat At
             * Format: date-time
             */
            last_heartbeat_at: string;
            /** Memory Total Mb */
            memory_total_mb: number;
            /**
             * Name
             * @description Celery node name; runs are assigned to it and sent to its own queue.
             */
            name: string;
            /**
             * Online
             * @description Heartbeat seen within the offline window.
             */
            online: boolean;
            /** Queues */
            queues: string[];
            /**
             * Runs
             * @description Runs assigned to or running on it.
             */
            runs: string[];
            /**
             * Simulated
             * @description Its GPUs are simulated (TUNEWRIGHT_SIMULATED_GPUS); runs train on CPU.
             */
            simulated: boolean;
            /**
             * Slots
             * @description Runs it executes at once.
             */
            slots: number;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /**
             * Trains
             * @description Consumes the gpu queue, so the scheduler may give it training runs.
             */
            trains: boolean;
            /** Version */
            version: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "audit-list": {
        parameters: {
            query?: {
                /** @description An action (`auth.login`), or a prefix ending in a dot (`auth.`). */
                action?: string | null;
                /** @description A user id or email. */
                actor?: string | null;
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_model_sources-list_sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceList"];
                };
            };
        };
    };
    "admin_model_sources-add_source": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SourceCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceRead"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_model_sources-delete_source": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                source_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_model_sources-update_source": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                source_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SourceUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceRead"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_models-list_families": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FamilyList"];
                };
            };
        };
    };
    "admin_models-add_family": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FamilyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FamilyRead"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_models-get_family": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                family: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FamilyRead"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_models-delete_family": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                family: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_models-update_family": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                family: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FamilyUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FamilyRead"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_models-restore_family": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                family: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FamilyRead"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin_models-retire_family": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                family: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FamilyRead"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin queue-project_quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectQuotaRead"][];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-set_project_quota": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuotaUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectQuotaRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-move_to_top": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-preempt": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-set_priority": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PriorityUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaRead"][];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-set_quota": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuotaUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "users-list": {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "users-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "users-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "users-list_keys": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "users-create_key": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "users-revoke_key": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerRead"][];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-drain": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "admin queue-undrain": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "auth-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "auth-logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "auth-me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "checkpoints-list": {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
                /** @description Only this project's checkpoints. */
                project_id?: string | null;
                run_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckpointList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "exports-list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                checkpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "exports-create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                checkpoint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExportCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "comparisons-list": {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                limit?: number;
                /** @description Only this project's studies. */
                project_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComparisonList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "comparisons-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComparisonCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComparisonRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "comparisons-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                comparison_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComparisonRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "comparisons-export": {
        parameters: {
            query?: {
                format?: "csv" | "json";
            };
            header?: never;
            path: {
                comparison_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "comparisons-next_pair": {
        parameters: {
            query?: {
                rater?: string;
                skip?: string[] | null;
            };
            header?: never;
            path: {
                comparison_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NextPair"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "comparisons-rate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                comparison_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RatingCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "comparisons-results": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                comparison_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComparisonResults"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "dataset versions-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetVersionRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "dataset versions-records": {
        parameters: {
            query?: {
                limit?: number;
                /** @description 0-based index of the first record to read (or search from). */
                offset?: number;
                /** @description Only records whose text holds this, ignoring case (roles and part types are not text). A page may hold fewer than `limit` matches while `next_offset` is set: one request scans a bounded number of records, so keep following `next_offset` until it is null. */
                q?: string | null;
            };
            header?: never;
            path: {
                version_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionRecords"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "dataset versions-mask_preview": {
        parameters: {
            query?: {
                loss_on?: "assistant" | "all";
                /** @description Catalog model whose chat template renders the record. */
                model?: string;
            };
            header?: never;
            path: {
                index: number;
                version_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskPreview"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No CPU worker answered in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "datasets-list": {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
                /** @description Only this project's datasets. */
                project_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "datasets-upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_datasets-upload"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "datasets-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "dataset versions-clean": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CleaningCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetVersionRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "datasets-quarantine": {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuarantinedRecords"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "datasets-records": {
        parameters: {
            query?: {
                limit?: number;
                /** @description 0-based index of the first record to read (or search from). */
                offset?: number;
                /** @description Only records whose text holds this, ignoring case (roles and part types are not text). A page may hold fewer than `limit` matches while `next_offset` is set: one request scans a bounded number of records, so keep following `next_offset` until it is null. */
                q?: string | null;
            };
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetRecords"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "datasets-mask_preview": {
        parameters: {
            query?: {
                loss_on?: "assistant" | "all";
                /** @description Catalog model whose chat template renders the record. */
                model?: string;
            };
            header?: never;
            path: {
                dataset_id: string;
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaskPreview"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No CPU worker answered in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "reports-list": {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "reports-create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "dataset versions-split": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SplitCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SplitRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "dataset versions-list": {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path: {
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetVersionList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "datasets-formats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetFormats"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "evaluations-list": {
        parameters: {
            query?: {
                checkpoint_id?: string | null;
                cursor?: string | null;
                limit?: number;
                /** @description Only this project's evaluations. */
                project_id?: string | null;
                run_id?: string | null;
                status?: ("queued" | "running" | "succeeded" | "failed") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "evaluations-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "evaluations-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                evaluation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "evaluations-items": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                evaluation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationItems"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "exports-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                export_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "exports-download": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                export_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export folder as a tar archive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-tar": unknown;
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "health-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    "keys-list_keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "keys-create_key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "keys-revoke_key": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "mixtures-list": {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MixtureList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "mixtures-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MixtureCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MixtureRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "mixtures-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mixture_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MixtureRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "mixtures-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mixture_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "mixtures-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MixtureCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MixturePreview"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "models-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["backend__catalog__schemas__ModelList"];
                };
            };
        };
    };
    "projects-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "projects-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "projects-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "projects-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "projects-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "projects-members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "projects-add_member": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberAdd"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "projects-remove_member": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "reports-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                report_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "runs-list": {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
                /** @description Only this project's runs. */
                project_id?: string | null;
                status?: ("validating" | "queued" | "running" | "paused" | "succeeded" | "failed" | "cancelled") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "runs-create": {
        parameters: {
            query?: {
                /** @description The project the run must be in; it is always its training dataset's project. */
                project_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrainingSpecCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "runs-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "runs-cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "runs-events": {
        parameters: {
            query?: {
                /** @description Return events with a larger id. */
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunEventList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "runs-stream": {
        parameters: {
            query?: {
                after?: number;
            };
            header?: {
                "last-event-id"?: number | null;
            };
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "runs-pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "runs-resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunRead"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "serving-playground_chat_completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatCompletionRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatCompletion"];
                    "text/event-stream": string;
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "serving-servable_models": {
        parameters: {
            query?: {
                /** @description Only this project's checkpoints. */
                project_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServableModelList"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "inference-chat_completions": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatCompletionRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatCompletion"];
                    "text/event-stream": string;
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "inference-completions": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompletionRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Completion"];
                    "text/event-stream": string;
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "openai-list_files": {
        parameters: {
            query?: {
                after?: string | null;
                limit?: number;
                order?: "asc" | "desc";
                purpose?: string | null;
            };
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-create_file": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_openai-create_file"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileObject"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-retrieve_file": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileObject"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-delete_file": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileDeleted"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-file_content": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-list_jobs": {
        parameters: {
            query?: {
                after?: string | null;
                limit?: number;
            };
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-create_job": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-retrieve_job": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                fine_tuning_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-cancel_job": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                fine_tuning_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-list_job_checkpoints": {
        parameters: {
            query?: {
                after?: string | null;
                limit?: number;
            };
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                fine_tuning_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobCheckpointList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-list_job_events": {
        parameters: {
            query?: {
                after?: string | null;
                limit?: number;
            };
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                fine_tuning_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobEventList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-pause_job": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                fine_tuning_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-resume_job": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                fine_tuning_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-list_models": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["backend__openai_compat__schemas__ModelList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "openai-retrieve_model": {
        parameters: {
            query?: never;
            header?: {
                /** @description A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are then that project's only, and new ones go into it. Without it, all your projects. */
                "OpenAI-Project"?: string | null;
            };
            path: {
                model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Model"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
}
