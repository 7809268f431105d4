"""Demo content, loaded by `manage.py load_demo_content`. Every loader is idempotent."""
