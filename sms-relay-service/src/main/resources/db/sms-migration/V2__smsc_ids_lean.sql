-- The SMSC ids are written in the same transaction that marks their message submitted,
-- for a message this instance claimed: the row they point at always exists. The foreign
-- key's check cost more than the insert itself: it reads and share-locks the message row
-- that the same transaction then updates (a multixact per message). Nothing reads SMSC
-- ids by message, so their index by message goes too. Measured in the SMS benchmark
-- (sms-relay-service/README.md).
ALTER TABLE sms.smsc_ids DROP CONSTRAINT smsc_ids_message_id_fkey;
DROP INDEX sms.smsc_ids_message;
