# syntax=docker/dockerfile:1
# IR Hub Portal image: one image for web (gunicorn), Celery worker and Celery beat (see docker-compose.yml).

# --- front-end assets: GOV.UK Frontend + htmx from package-lock.json, Sass compiled to static/build ---
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/scss static/scss
RUN npm run build

# --- the application ---
FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_ENV=production \
    WEB_CONCURRENCY=3

# WeasyPrint's system libraries (Pango, HarfBuzz) and a base font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 app

WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY . .
COPY --from=assets /app/static/build static/build
# settings.STATICFILES_DIRS serves these two packages' dist folders
COPY --from=assets /app/node_modules/govuk-frontend/dist node_modules/govuk-frontend/dist
COPY --from=assets /app/node_modules/htmx.org/dist node_modules/htmx.org/dist

# Hashed, compressed static files for whitenoise (production settings need some SECRET_KEY to load).
RUN SECRET_KEY=collectstatic-only-this-is-not-the-secret-key-of-any-deployment \
    python manage.py collectstatic --noinput \
    && mkdir -p var/uploads var/beat && chown -R app:app var

USER app
EXPOSE 8000
# web; the worker and beat services override the command (docker-compose.yml).
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
