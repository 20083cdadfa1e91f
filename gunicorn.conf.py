"""gunicorn settings. The access log leaves out query strings (search words are private)
and the keys in reset and confirmation links, and escapes control characters."""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
errorlog = "-"
logger_class = "healing.logfilters.GunicornLogger"
# %(U)s is the path without its query string; %(r)s and %(q)s would include it.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
