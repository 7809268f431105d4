# Varnish in front of the app processes (Debian's varnish 7). Anonymous readers are served
# from the cache; the platform bans every response that shows what changed by tag (BAN with
# X-Cache-Ban, see cms/invalidation.py) once the change is committed. Set the backend (or a
# director over several app processes) and the purgers' ACL (the app processes and the workers).
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Addresses of the app processes and workers, which send BAN (VARNISH_URLS on their side).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Cache-Ban) {
            return (synth(400, "X-Cache-Ban required"));
        }
        # Objects whose comma-separated X-Cache-Tags match the expression are dropped.
        if (std.ban("obj.http.X-Cache-Tags ~ " + req.http.X-Cache-Ban)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }

    # The app sees the client's address (CLIENT_IP_HEADER=X-Real-IP, with this Varnish in
    # TRUSTED_PROXIES).
    if (req.restarts == 0) {
        set req.http.X-Real-IP = client.ip;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed-in people, anyone with a notice waiting or a form's CSRF cookie get pages of their
    # own (the app's CACHE_BYPASS_COOKIES).
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|csrftoken)=" || req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents)/" || req.url ~ "^/api/v2/preview/") {
        return (pass);
    }
    # Everything else is the same for every anonymous reader, whatever other cookies they send.
    unset req.http.Cookie;
    # The API answers JSON, or Django REST framework's HTML page to browsers; nothing else
    # varies on Accept, so one copy per kind instead of one per client's header.
    if (req.url ~ "^/api/" && req.http.Accept ~ "text/html") {
        set req.http.Accept = "text/html";
    } elsif (req.url ~ "^/api/") {
        set req.http.Accept = "application/json";
    } else {
        unset req.http.Accept;
    }
    # One variant per site language for responses that vary on it (the API).
    if (req.http.Accept-Language ~ "^\s*ar") {
        set req.http.Accept-Language = "ar";
    } elsif (req.http.Accept-Language ~ "^\s*zh") {
        set req.http.Accept-Language = "zh-hans";
    } elsif (req.http.Accept-Language ~ "^\s*fr") {
        set req.http.Accept-Language = "fr";
    } elsif (req.http.Accept-Language ~ "^\s*ru") {
        set req.http.Accept-Language = "ru";
    } elsif (req.http.Accept-Language ~ "^\s*es") {
        set req.http.Accept-Language = "es";
    } else {
        set req.http.Accept-Language = "en";
    }
    return (hash);
}

sub vcl_hash {
    # An http:// request is redirected to https:// by the app: the two are different objects,
    # so the redirect is never served to an HTTPS reader.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # A redirect that does not say how long it may be kept is not kept.
    if (beresp.status >= 300 && beresp.status < 400 && !beresp.http.Cache-Control) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Responses to anonymous readers that set a cookie are personal: not kept.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Cookies are removed from anonymous requests, so this Vary says nothing here.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,\s*)Cookie", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^,\s*", "");
    }
    # Text is sent compressed to clients that accept it (Varnish answers others uncompressed).
    if (beresp.http.Content-Type ~ "^(text/|application/(json|javascript|xml|rss\+xml|atom\+xml))") {
        set beresp.do_gzip = true;
    }
    # Shortly after expiry, serve the old copy while fetching a new one.
    set beresp.grace = 30s;
}

sub vcl_deliver {
    unset resp.http.X-Cache-Tags;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
