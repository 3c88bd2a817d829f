-- Checks the rows written before V4 (a scan that lets writes go on, in a transaction of its own).
ALTER TABLE sms.messages VALIDATE CONSTRAINT messages_claimed_while_submitting;
