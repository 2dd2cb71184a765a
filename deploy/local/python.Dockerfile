# Python 3.10 on Debian bookworm without a registry: the machine's pyenv build, in /usr/local as in the
# public python:3.10-slim-bookworm image. Built by deploy/local/build-bases.sh (context: python.tar beside it).
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libssl3 libsqlite3-0 libffi8 libbz2-1.0 liblzma5 zlib1g libreadline8 libncursesw6 \
      libuuid1 libexpat1 libnsl2 libgdbm6 netbase tzdata \
 && rm -rf /var/lib/apt/lists/*
ADD python.tar /usr/local/
RUN ldconfig \
 && ln -sf python3 /usr/local/bin/python && ln -sf pip3 /usr/local/bin/pip \
 && python -c "import ssl, sqlite3, ctypes, lzma, bz2, zlib, venv, uuid; print('python', __import__('sys').version.split()[0])"
ENV LANG=C.UTF-8
CMD ["python3"]
