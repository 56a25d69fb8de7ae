# One image for the API and the workers. TORCH_VARIANT=cuda (default) for GPU hosts, cpu for CPU-only workers.
FROM node:20-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim
ARG TORCH_VARIANT=cuda
# Optional extras on top of the engine: trackers (MLflow, W&B clients), liger (Liger Kernel, CUDA images only).
ARG EXTRAS=worker,trackers
ENV PYTHONUNBUFFERED=1 TUNEWRIGHT_DATA_DIR=/data
WORKDIR /app
RUN if [ "$TORCH_VARIANT" = "cpu" ]; then \
      pip install --no-cache-dir "torch==2.13.0+cpu" --index-url https://download.pytorch.org/whl/cpu --extra-index-url https://pypi.org/simple; \
    else pip install --no-cache-dir "torch==2.13.0"; fi
COPY pyproject.toml README.md alembic.ini ./
COPY backend backend
COPY worker worker
COPY specs specs
COPY migrations migrations
COPY demo demo
# Editable: the code stays in /app next to alembic.ini, migrations/ and frontend/dist, where the app looks for them.
RUN pip install --no-cache-dir -e ".[${EXTRAS}]"
COPY --from=frontend /src/frontend/dist frontend/dist
EXPOSE 8000
CMD ["uvicorn", "backend.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000"]
