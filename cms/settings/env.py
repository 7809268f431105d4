"""Readers for configuration taken from environment variables."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as e:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from e


def env_float(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return float(value)
    except ValueError as e:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from e


def env_list(name, default=()):
    """A comma-separated list; blanks are dropped."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int_list(name, default=()):
    """A comma-separated list of whole numbers."""
    values = env_list(name, default)
    try:
        return [int(value) for value in values]
    except ValueError as e:
        raise ImproperlyConfigured(
            f"{name} must be whole numbers separated by commas, not {os.environ[name]!r}"
        ) from e


def env_network_list(name, default=()):
    """A comma-separated list of IP addresses or networks (CIDR), each checked."""
    values = env_list(name, default)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError as e:
            raise ImproperlyConfigured(
                f"{name} must be IP addresses or networks separated by commas, not {value!r}"
            ) from e
    return values
