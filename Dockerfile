FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=0

WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir --disable-pip-version-check -r requirements.txt

COPY . .

# Build-time values exist only for collectstatic; the running container reads
# its real configuration from the environment.
RUN SECRET_KEY=build-only-build-only-build-only-build-only-build-only \
    ALLOWED_HOSTS=build CACHE_URL=db:// FIELD_ENCRYPTION_KEYS=$(python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())") \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 10001 healing && chown -R healing /app/var
USER healing

EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "healing.wsgi:application"]
