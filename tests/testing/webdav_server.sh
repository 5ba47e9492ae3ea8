#!/usr/bin/env bash
# webdav_server.sh start DIR PORT | stop DIR
# A private Apache httpd with mod_dav on 127.0.0.1:PORT serving DIR/htdocs/dav
# with basic authentication (user "hukdis", password in DIR/credentials as
# "user:password"). Stopped by the PID it wrote. Test peer only.
set -euo pipefail
cmd=$1
DIR=$2
MODS=/usr/lib/apache2/modules
case "$cmd" in
  start)
    PORT=$3
    mkdir -p "$DIR/htdocs/dav" "$DIR/lock"
    # A restart keeps the credentials the service already has.
    if [ -s "$DIR/credentials" ]; then
      pw=$(cut -d: -f2- "$DIR/credentials")
    else
      pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
      echo "hukdis:$pw" >"$DIR/credentials"
    fi
    htpasswd -cbB "$DIR/htpasswd" hukdis "$pw" >/dev/null 2>&1
    user_lines=""
    if [ "$(id -u)" -eq 0 ]; then
      # httpd will not serve as root: its workers run as www-data.
      chown -R www-data:www-data "$DIR/htdocs" "$DIR/lock"
      user_lines=$'User www-data\nGroup www-data'
    fi
    cat >"$DIR/httpd.conf" <<CONF
ServerName localhost
ServerRoot "$DIR"
PidFile "$DIR/httpd.pid"
Listen 127.0.0.1:$PORT
LoadModule mpm_event_module $MODS/mod_mpm_event.so
LoadModule authn_core_module $MODS/mod_authn_core.so
LoadModule authn_file_module $MODS/mod_authn_file.so
LoadModule authz_core_module $MODS/mod_authz_core.so
LoadModule authz_user_module $MODS/mod_authz_user.so
LoadModule auth_basic_module $MODS/mod_auth_basic.so
LoadModule dav_module $MODS/mod_dav.so
LoadModule dav_fs_module $MODS/mod_dav_fs.so
$user_lines
ErrorLog "$DIR/error.log"
LogLevel warn
DocumentRoot "$DIR/htdocs"
DavLockDB "$DIR/lock/davlock"
LimitRequestBody 0
<Directory "$DIR/htdocs/dav">
  Dav On
  AuthType Basic
  AuthName "hukdis"
  AuthUserFile "$DIR/htpasswd"
  Require valid-user
</Directory>
CONF
    /usr/sbin/apache2 -f "$DIR/httpd.conf" -k start
    for _ in $(seq 1 50); do
      [ -s "$DIR/httpd.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && exit 0
      sleep 0.1
    done
    echo "webdav: httpd did not start; see $DIR/error.log" >&2
    cat "$DIR/error.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -s "$DIR/httpd.pid" ]; then
      pid=$(cat "$DIR/httpd.pid")
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    ;;
esac
