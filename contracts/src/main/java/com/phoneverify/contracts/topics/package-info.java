/**
 * Every topic of the suite with its payload type and its key type
 * ({@link com.phoneverify.contracts.topics.EventTopics}). A package of its own so that
 * the envelope and the ids ({@code contracts}) depend on no product package: the
 * products' payloads depend on them, and this package on both.
 */
@NullMarked
package com.phoneverify.contracts.topics;

import org.jspecify.annotations.NullMarked;
