# The official Odoo image plus what the add-on's tests import
# (test-requirements.txt), for `docker compose run --rm odoo-tests`.
FROM odoo:18.0
USER root
COPY test-requirements.txt /tmp/test-requirements.txt
RUN pip3 install --no-cache-dir --break-system-packages -r /tmp/test-requirements.txt
USER odoo
