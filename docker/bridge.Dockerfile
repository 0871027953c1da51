# The sync bridge (crm-bridge) in a slim Python image; it reaches Odoo over RPC.
FROM python:3.12-slim
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bridge ./bridge
RUN pip install --no-cache-dir . && useradd --create-home bridge
USER bridge
ENTRYPOINT []
CMD ["crm-bridge", "--help"]
