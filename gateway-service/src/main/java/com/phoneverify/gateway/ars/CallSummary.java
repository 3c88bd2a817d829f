package com.phoneverify.gateway.ars;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway knows of a verification's call, from {@code call-completed}. Wire
 * names are lower-case ({@code answered}, {@code code_delivered}).
 *
 * @param scenarioResult how far the script got; null unless answered
 * @param sipStatus final SIP status of the INVITE; null when none came
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallSummary(String outcome, @Nullable String scenarioResult, @Nullable Integer sipStatus,
		@Nullable Long ringingMillis, @Nullable Long answerMillis, long totalMillis, Instant completedAt) {
}
