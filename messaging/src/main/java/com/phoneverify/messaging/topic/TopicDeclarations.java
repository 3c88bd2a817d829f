package com.phoneverify.messaging.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.phoneverify.contracts.Topics;
import com.phoneverify.messaging.MessagingProperties;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics a service creates at start-up: those it produces
 * ({@code messaging.produces}) and the dead-letter topics of the groups it consumes with
 * ({@code messaging.consumes}), which it produces too. A misconfigured entry stops the
 * start with a message that names the property.
 */
public final class TopicDeclarations {

	private TopicDeclarations() {
	}

	public static List<NewTopic> of(MessagingProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		short deadLetterReplicas = 1;
		for (Map.Entry<String, MessagingProperties.TopicLayout> entry : properties.produces().entrySet()) {
			String name = entry.getKey();
			MessagingProperties.TopicLayout layout = entry.getValue();
			check(layout.partitions() >= 1, "messaging.produces." + name + ".partitions must be at least 1");
			check(layout.replicas() >= 1, "messaging.produces." + name + ".replicas must be at least 1");
			topics.add(TopicBuilder.name(name).partitions(layout.partitions()).replicas(layout.replicas()).build());
			deadLetterReplicas = (short) Math.max(deadLetterReplicas, layout.replicas());
		}
		int deadLetterPartitions = properties.outbox().deadLetterPartitions();
		check(deadLetterPartitions >= 1, "messaging.outbox.dead-letter-partitions must be at least 1");
		for (Map.Entry<String, String> entry : properties.consumes().entrySet()) {
			String group = entry.getValue();
			check(group != null && !group.isBlank(), "messaging.consumes." + entry.getKey()
					+ " must name the consumer group (it names the dead-letter topic)");
			topics.add(TopicBuilder.name(Topics.deadLetterOf(entry.getKey(), group))
				.partitions(deadLetterPartitions)
				.replicas(deadLetterReplicas)
				.build());
		}
		return topics;
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

}
