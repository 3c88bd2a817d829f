package com.phoneverify.ars.trunk.sip;

import java.util.Properties;
import java.util.regex.Pattern;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's own log, through SLF4J under the logger {@code gov.nist.javax.sip}, with
 * what a peer controls kept out of it. Left to itself the stack logs a datagram it cannot
 * parse at ERROR with the whole 64 KiB receive buffer as numbers: personal data (the
 * number in a request URI) in the log, and some 200 KB of log for a 30-byte datagram from
 * anyone who reaches the SIP port. Here every message is cut at its first line or dump
 * and masked (runs of six or more digits), stack traces are left out, and the stack's
 * errors, most of them about input it refused, are warnings. Named by class in
 * {@code gov.nist.javax.sip.STACK_LOGGER}; JAIN-SIP creates it by reflection.
 */
public final class SipStackLog implements StackLogger {

	private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");

	private static final int MAX_LENGTH = 200;

	private static final Pattern DIGIT_RUNS = Pattern.compile("\\d{6,}");

	private volatile boolean enabled = true;

	/** The part of a stack message that may be logged. */
	static String safe(Object message) {
		String text = String.valueOf(message);
		int end = text.length();
		for (char stop : new char[] { '\r', '\n', '[' }) {
			int at = text.indexOf(stop);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		String kept = DIGIT_RUNS.matcher(text.substring(0, end)).replaceAll("#");
		return (kept.length() > MAX_LENGTH) ? kept.substring(0, MAX_LENGTH) + "…" : kept;
	}

	@Override
	public void logStackTrace() {
	}

	@Override
	public void logStackTrace(int traceLevel) {
	}

	@Override
	public int getLineCount() {
		return 0;
	}

	@Override
	public void logException(Throwable ex) {
		if (this.enabled) {
			log.warn("SIP stack: {}", safe(ex));
		}
	}

	@Override
	public void logDebug(String message) {
		if (this.enabled && log.isDebugEnabled()) {
			log.debug("SIP stack: {}", safe(message));
		}
	}

	@Override
	public void logDebug(String message, Exception ex) {
		if (this.enabled && log.isDebugEnabled()) {
			log.debug("SIP stack: {}: {}", safe(message), safe(ex));
		}
	}

	@Override
	public void logTrace(String message) {
		if (this.enabled && log.isTraceEnabled()) {
			log.trace("SIP stack: {}", safe(message));
		}
	}

	@Override
	public void logFatalError(String message) {
		if (this.enabled) {
			log.error("SIP stack: {}", safe(message));
		}
	}

	@Override
	public void logError(String message) {
		if (this.enabled) {
			log.warn("SIP stack: {}", safe(message));
		}
	}

	@Override
	public void logError(String message, Exception ex) {
		if (this.enabled) {
			log.warn("SIP stack: {}: {}", safe(message), safe(ex));
		}
	}

	@Override
	public void logWarning(String message) {
		if (this.enabled) {
			log.warn("SIP stack: {}", safe(message));
		}
	}

	@Override
	public void logInfo(String message) {
		if (this.enabled && log.isDebugEnabled()) {
			log.debug("SIP stack: {}", safe(message));
		}
	}

	@Override
	public boolean isLoggingEnabled() {
		return this.enabled;
	}

	@Override
	public boolean isLoggingEnabled(int level) {
		if (!this.enabled) {
			return false;
		}
		if (level >= TRACE_TRACE) {
			return log.isTraceEnabled();
		}
		// TRACE_INFO is also TRACE_MESSAGES, every message in and out: debug, not info
		return (level >= TRACE_INFO) ? log.isDebugEnabled() : log.isWarnEnabled();
	}

	@Override
	public void disableLogging() {
		this.enabled = false;
	}

	@Override
	public void enableLogging() {
		this.enabled = true;
	}

	@Override
	public void setBuildTimeStamp(String buildTimeStamp) {
	}

	@Override
	public void setStackProperties(Properties stackProperties) {
	}

	@Override
	public String getLoggerName() {
		return log.getName();
	}

}
