package com.phoneverify.messaging.consume;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.Acknowledgment;

import static org.assertj.core.api.Assertions.assertThat;

class InOrderAcksTests {

	private final InOrderAcks acks = new InOrderAcks();

	private final List<String> acknowledged = new ArrayList<>();

	private InOrderAcks.Ticket track(int partition, long offset) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("t", partition, offset, "k", new byte[0]);
		Acknowledgment ack = () -> this.acknowledged.add(partition + "@" + offset);
		return this.acks.track(record, ack);
	}

	@Test
	void aRecordFinishedInOrderIsAcknowledgedAtOnce() {
		InOrderAcks.Ticket first = track(0, 10);
		this.acks.finished(first);
		assertThat(this.acknowledged).containsExactly("0@10");
	}

	@Test
	void aLaterRecordThatFinishesFirstWaitsForTheEarlierOne() {
		InOrderAcks.Ticket first = track(0, 10);
		InOrderAcks.Ticket second = track(0, 11);
		InOrderAcks.Ticket third = track(0, 12);
		this.acks.finished(third);
		this.acks.finished(second);
		assertThat(this.acknowledged).isEmpty();
		this.acks.finished(first);
		// one acknowledgement of the last of the finished prefix commits all three
		assertThat(this.acknowledged).containsExactly("0@12");
	}

	@Test
	void partitionsAreIndependent() {
		InOrderAcks.Ticket slow = track(0, 10);
		InOrderAcks.Ticket other = track(1, 5);
		this.acks.finished(other);
		assertThat(this.acknowledged).containsExactly("1@5");
		this.acks.finished(slow);
		assertThat(this.acknowledged).containsExactly("1@5", "0@10");
	}

	@Test
	void aRecordOfARevokedPartitionIsNeverAcknowledged() {
		InOrderAcks.Ticket ticket = track(0, 10);
		this.acks.revoked(List.of(new TopicPartition("t", 0)));
		this.acks.finished(ticket);
		assertThat(this.acknowledged).isEmpty();
	}

	@Test
	void aReassignedPartitionStartsAfreshAndOldTicketsDoNotDisturbIt() {
		InOrderAcks.Ticket old = track(0, 10);
		this.acks.revoked(List.of(new TopicPartition("t", 0)));
		InOrderAcks.Ticket redelivered = track(0, 10);
		this.acks.finished(old);
		assertThat(this.acknowledged).isEmpty();
		this.acks.finished(redelivered);
		assertThat(this.acknowledged).containsExactly("0@10");
	}

}
