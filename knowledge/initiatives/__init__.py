"""Cities' initiatives as readers find them and moderators judge them: the initiatives database and
its exports, the filters shared with the API and feeds, moderation through the workflow, and the
related initiatives chosen ahead of reading. The page models are in `knowledge.models`."""
