package com.phoneverify.messaging.topic;

import java.util.List;
import java.util.Set;

import com.phoneverify.messaging.MessagingProperties;

/**
 * The topics a service publishes to, checked against its configuration at start-up: a
 * service whose {@code messaging.produces} lacks one refuses to start, naming the
 * property, instead of failing at its first publish.
 *
 * @param names the topics, all declared
 */
public record ProducedTopics(Set<String> names) {

	/**
	 * @throws IllegalStateException naming {@code messaging.produces.<topic>} for the
	 * first topic without a declared layout
	 */
	public static ProducedTopics require(MessagingProperties properties, String... topics) {
		for (String topic : topics) {
			if (!properties.produces().containsKey(topic)) {
				throw new IllegalStateException("this service publishes to " + topic
						+ ": declare it with messaging.produces." + topic + ".partitions (and .replicas)");
			}
		}
		return new ProducedTopics(Set.copyOf(List.of(topics)));
	}

}
