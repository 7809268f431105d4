"""WAGTAIL_FINISH_WORKFLOW_ACTION: Wagtail imports it while its models load, so this module
imports nothing at the top (knowledge.languages.review imports Wagtail's and wagtail-localize's
models)."""


def finish_workflow(workflow_state, user=None):
    from .review import finish_workflow as finish

    return finish(workflow_state, user=user)
