-- Long speech as a job: the request (as sent to the OpenAI-compatible API) and how far it has got, in percent.
ALTER TABLE voice_clone_job ADD COLUMN speech_request TEXT;
ALTER TABLE voice_clone_job ADD COLUMN progress SMALLINT;
