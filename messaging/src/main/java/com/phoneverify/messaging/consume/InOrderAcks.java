package com.phoneverify.messaging.consume;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.support.Acknowledgment;

/**
 * Lets records finish in any order while acknowledging them in offset order per
 * partition: a finished record is acknowledged (committing it and every record before it)
 * only once every earlier record of its partition has finished. A record that is still
 * calling therefore holds back the commit of later ones, never the other way round, so a
 * crash re-delivers unfinished work and loses none.
 * <p>
 * Why not the container's {@code asyncAcks}: it pauses the consumer until every record of
 * the previous poll is acknowledged, so one long call would stop intake for all
 * merchants. Thread-safe.
 */
public final class InOrderAcks {

	private final Map<TopicPartition, TreeMap<Long, Pending>> partitions = new HashMap<>();

	/** Starts tracking a record delivered by the current assignment. */
	public synchronized Ticket track(ConsumerRecord<?, ?> record, Acknowledgment ack) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		TreeMap<Long, Pending> pending = this.partitions.computeIfAbsent(partition, (key) -> new TreeMap<>());
		Pending entry = new Pending(ack);
		pending.put(record.offset(), entry);
		return new Ticket(partition, record.offset(), pending, entry);
	}

	/** Marks a record finished and acknowledges the longest finished prefix. */
	public synchronized void finished(Ticket ticket) {
		ticket.entry.done = true;
		if (this.partitions.get(ticket.partition) != ticket.pending) {
			// the partition was revoked since: its new owner re-delivers the record
			return;
		}
		Acknowledgment last = null;
		while (!ticket.pending.isEmpty() && ticket.pending.firstEntry().getValue().done) {
			last = ticket.pending.pollFirstEntry().getValue().ack;
		}
		if (last != null) {
			last.acknowledge();
		}
	}

	/** Forgets revoked partitions: their unfinished records will be re-delivered. */
	public synchronized void revoked(Collection<TopicPartition> revoked) {
		revoked.forEach(this.partitions::remove);
	}

	private static final class Pending {

		private final Acknowledgment ack;

		private volatile boolean done;

		Pending(Acknowledgment ack) {
			this.ack = ack;
		}

	}

	/** One tracked record. */
	public static final class Ticket {

		private final TopicPartition partition;

		private final long offset;

		private final TreeMap<Long, Pending> pending;

		private final Pending entry;

		Ticket(TopicPartition partition, long offset, TreeMap<Long, Pending> pending, Pending entry) {
			this.partition = partition;
			this.offset = offset;
			this.pending = pending;
			this.entry = entry;
		}

		@Override
		public String toString() {
			return this.partition + "@" + this.offset;
		}

	}

}
