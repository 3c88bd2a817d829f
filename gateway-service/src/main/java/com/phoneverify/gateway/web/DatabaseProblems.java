package com.phoneverify.gateway.web;

import java.time.Duration;
import java.util.Set;

import io.r2dbc.spi.R2dbcException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;

/**
 * The database is stalled or gone: the request fails fast with 503 and
 * {@code Retry-After}, and nothing of it was stored. Timeouts are the database's own
 * ({@code statement_timeout}: the statement was cancelled and its transaction rolled
 * back) or the pool's (no connection within {@code max-acquire-time}: nothing was sent).
 */
public final class DatabaseProblems {

	static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	private DatabaseProblems() {
	}

	/**
	 * PostgreSQL's answers that say the statement did not run: a lock or statement
	 * timeout cancelled it (its transaction rolled back), or the server refused the
	 * connection for lack of resources.
	 */
	private static final Set<String> DID_NOT_RUN = Set.of("55P03", "57014", "53300", "53400");

	/** Whether the failure means the database could not do the work in time. */
	public static boolean isUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && DID_NOT_RUN.contains(r2dbc.getSqlState())) {
				return true;
			}
			if (cause instanceof QueryTimeoutException || cause instanceof TransientDataAccessResourceException
					|| cause.getClass().getName().equals("reactor.pool.PoolAcquireTimeoutException")
					|| cause.getClass().getName().equals("io.r2dbc.spi.R2dbcTimeoutException")) {
				return true;
			}
			if (cause instanceof DataAccessResourceFailureException && cause.getMessage() != null
					&& cause.getMessage().startsWith("Failed to obtain R2DBC Connection")) {
				return true;
			}
		}
		return false;
	}

	/** 503 {@code database-unavailable}: nothing was stored, retry later. */
	public static ApiProblem unavailable(Throwable ex) {
		return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
				"the database did not answer in time; nothing was stored, retry after " + RETRY_AFTER.toSeconds()
						+ " s with a new signature")
			.retryAfter(RETRY_AFTER);
	}

	/** 503 {@code database-busy}: too many requests wait for the database. */
	public static ApiProblem busy(String why) {
		return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "database-busy", "Database busy",
				"the request was not stored (" + why + "); retry after " + RETRY_AFTER.toSeconds()
						+ " s with a new signature")
			.retryAfter(RETRY_AFTER);
	}

}
