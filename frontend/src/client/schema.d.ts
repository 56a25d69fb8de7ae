// GENERATED from frontend/openapi.json by `npm run generate-client`. Do not edit by hand.

export interface paths {
    "/api/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description Checkpoints of your runs, newest first; `run_id` narrows to one run.
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
         *     record is validated and normalised, and on any problem nothing is stored: the 422 lists the problems, each
         *     naming the file, line (or Parquet row) and field.
         *
         *     Files: JSONL, JSON (an array of objects), CSV/TSV (a header row), Parquet, and .txt/.md text (cut into records
         *     of at most 2000 characters on paragraph boundaries). Text encodings: UTF-8 (with or without a BOM), then
         *     GB18030. Compressed files are not unpacked; PDF and DOCX are not supported yet.
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
    "/api/datasets/{dataset_id}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Records */
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
    "/api/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List
         * @description The model catalog: every family's base and chat variants.
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
         *     A run that cannot fit in memory is refused here, with suggestions.
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Body_datasets-upload */
        "Body_datasets-upload": {
            /**
             * Columns
             * @description JSON mapping format fields to the file's columns, e.g. {"instruction": "question", "output": "answer"}; without it, columns named like a format's fields are used.
             */
            columns?: string | null;
            /**
             * File
             * @description JSONL, JSON, CSV/TSV, Parquet, .txt or .md.
             */
            file: string;
            /**
             * Format
             * @description `auto` detects the format; any other value forces that format (family).
             * @default auto
             * @enum {string}
             */
            format: "auto" | "openai" | "alpaca" | "sharegpt" | "preference" | "kto" | "text";
            /** Name */
            name?: string | null;
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
            kind: "messages" | "preference" | "kto" | "text";
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
            override: "openai" | "alpaca" | "sharegpt" | "preference" | "kto" | "text";
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
             * @description The internal kind of its records: `messages` (a conversation: `{messages: [{role, content, weight?, tool_calls?}], tools?}`), `preference` (`{prompt, chosen, rejected}`, each a message list), `kto` (`{messages, label}`) or `text` (`{text, source?, section?}`, for continued pretraining).
             * @enum {string}
             */
            format: "messages" | "preference" | "kto" | "text";
            /** Id */
            id: string;
            /** Name */
            name: string;
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
             * @description The format the file was in: openai, alpaca, sharegpt, openai_dpo, sharegpt_pairs, flat_pairs, alpaca_pairs, kto, text, txt or markdown (see GET /api/datasets/formats).
             */
            source_format: string;
        };
        /** DatasetRecord */
        DatasetRecord: {
            /**
             * Index
             * @description 0-based position of the record in the dataset.
             */
            index: number;
            /** Record */
            record: {
                [key: string]: unknown;
            };
        };
        /** DatasetRecords */
        DatasetRecords: {
            /** Items */
            items: components["schemas"]["DatasetRecord"][];
            /** Next Offset */
            next_offset: number | null;
            /** Total */
            total: number;
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
             * Early Stopping Patience
             * @description Stop after this many evaluations without a better eval loss; none = never.
             */
            early_stopping_patience?: number | null;
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
             * @description Micro-batches summed per optimizer step.
             * @default 1
             */
            gradient_accumulation_steps?: number;
            /**
             * Gradient Checkpointing
             * @description Recompute activations in the backward pass to save memory; 'auto' = on when needed.
             * @default auto
             */
            gradient_checkpointing?: boolean | "auto";
            /**
             * Learning Rate
             * @description Peak learning rate; 'auto' uses the model family's recommendation (2e-4 for LoRA otherwise).
             * @default auto
             */
            learning_rate?: number | "auto";
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
             * Target Modules
             * @description Modules that get LoRA adapters; 'all-linear' targets every linear layer but the output head.
             * @default all-linear
             */
            target_modules?: string[] | "all-linear";
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
        /** MaskPreview */
        MaskPreview: {
            /** Dataset Id */
            dataset_id: string;
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
        /** ModelList */
        ModelList: {
            /** Items */
            items: components["schemas"]["ModelRead"][];
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
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /** Id */
            id: string;
            /** Method */
            method: string;
            /** Model */
            model: string;
            /** Name */
            name: string;
            progress: components["schemas"]["RunProgress"];
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
            status: "validating" | "queued" | "running" | "succeeded" | "failed" | "cancelled";
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
        /**
         * TrainingSpecCreate
         * @description What a user submits to start a run.
         */
        TrainingSpecCreate: {
            /**
             * Dataset Id
             * @description Id of the training dataset (`ds_…`).
             */
            dataset_id: string;
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
             * @description Training stage: `sft` = supervised fine-tuning on conversations; `cpt` = continued pretraining on raw text (packed blocks, loss on every token).
             * @default sft
             * @enum {string}
             */
            stage: "sft" | "cpt";
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "checkpoints-list": {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
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
    "datasets-list": {
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
    "datasets-records": {
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
                    "application/json": components["schemas"]["ModelList"];
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
                status?: ("validating" | "queued" | "running" | "succeeded" | "failed" | "cancelled") | null;
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
            query?: never;
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
}
