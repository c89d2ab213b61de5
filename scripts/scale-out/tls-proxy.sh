#!/usr/bin/env bash
# A TLS-terminating gRPC proxy in front of a Temporal frontend, standing in for Temporal Cloud offline:
# nginx (Debian's, `grpc_pass`) serves the certificate from make-certs.sh, requires the mTLS client
# certificate signed by the test CA and the header `Authorization: Bearer <API key>`, and passes the rest
# to the plain-text frontend. Runs in the foreground (nginx `daemon off`) until killed.
#   missing/invalid client certificate → gRPC PERMISSION_DENIED (7) "client certificate required"
#   missing/wrong API key             → gRPC UNAUTHENTICATED (16) "missing or wrong API key"
# (answered as gRPC statuses, as Temporal Cloud does, not as HTML error pages)
# The script becomes nginx itself (exec, one process, `master_process off`): killing its pid stops the
# proxy with nothing left behind. Its config and temporary files live in CERT_DIR/proxy-<port>/.
# Usage: tls-proxy.sh CERT_DIR LISTEN(host:port) UPSTREAM(host:port) API_KEY
set -euo pipefail
certs="$(cd "${1:?usage: tls-proxy.sh CERT_DIR LISTEN UPSTREAM API_KEY}" && pwd)"
listen="${2:?listen host:port}"
upstream="${3:?upstream host:port}"
key="${4:?API key}"
nginx="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx" ] || { echo "tls-proxy: nginx is not installed (apt-get install nginx-light)" >&2; exit 127; }
[[ "$key" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "tls-proxy: the API key must be [A-Za-z0-9._-]+" >&2; exit 2; }
run="$certs/proxy-${listen##*:}"
mkdir -p "$run"
user=""
[ "$(id -u)" -eq 0 ] && user="user root;"
cat >"$run/nginx.conf" <<CONF
$user
master_process off;
daemon off;
pid $run/nginx.pid;
error_log stderr error;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $run/body;
  proxy_temp_path $run/proxy;
  fastcgi_temp_path $run/fastcgi;
  uwsgi_temp_path $run/uwsgi;
  scgi_temp_path $run/scgi;
  map \$http_authorization \$api_key_ok { "Bearer $key" 1; default 0; }
  server {
    listen $listen ssl http2;
    ssl_certificate $certs/server.pem;
    ssl_certificate_key $certs/server.key;
    ssl_client_certificate $certs/ca.pem;
    ssl_verify_client optional;
    client_max_body_size 0;
    # Temporal's long polls last about a minute; nginx's default of 60 s would cut them.
    grpc_read_timeout 10m;
    grpc_send_timeout 10m;
    location / {
      if (\$ssl_client_verify != SUCCESS) { return 403; }
      if (\$api_key_ok = 0) { return 401; }
      grpc_pass grpc://$upstream;
    }
    error_page 401 = @unauthenticated;
    error_page 403 = @permission-denied;
    location @unauthenticated {
      default_type application/grpc;
      add_header grpc-status 16 always;
      add_header grpc-message "missing or wrong API key" always;
      return 204;
    }
    location @permission-denied {
      default_type application/grpc;
      add_header grpc-status 7 always;
      add_header grpc-message "client certificate required" always;
      return 204;
    }
  }
}
CONF
"$nginx" -t -q -c "$run/nginx.conf" -p "$run"
echo "tls-proxy: https://$listen → grpc://$upstream (mTLS + API key)"
exec "$nginx" -c "$run/nginx.conf" -p "$run"
