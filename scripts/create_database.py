"""Create the PostgreSQL database named by a database URL when it does not exist yet.

Usage: python scripts/create_database.py postgres://user@host:5432/name
Other URLs (SQLite) need nothing and are left alone. Used by `make bench`.
"""

import sys

import dj_database_url
import psycopg
from psycopg import sql


def main(url):
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return
    name = config["NAME"]
    connection = psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    )
    with connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
