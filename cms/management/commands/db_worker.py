"""django-tasks-db's worker, which first puts back in the queue the jobs that a worker killed
earlier left RUNNING past their lease (cms.jobs); the scheduler does the same every minute."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from cms.jobs import requeue_expired_jobs


class Command(DatabaseWorkerCommand):
    def handle(self, *args, **options):
        outcome = requeue_expired_jobs()
        if any(outcome.values()):
            self.stdout.write(
                f"Jobs past their lease: {outcome['requeued']} back in the queue, "
                f"{outcome['failed']} failed."
            )
        super().handle(*args, **options)
