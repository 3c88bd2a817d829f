package com.phoneverify.otp.channel;

import java.util.EnumMap;
import java.util.Map;

/**
 * The availability table: operation → channel → availability. A cell the table does not
 * name is {@link Availability#REFUSED}. Immutable.
 */
public final class ChannelPolicy {

	private final Map<Operation, Map<Channel, Availability>> table;

	public ChannelPolicy(Map<Operation, Map<Channel, Availability>> table) {
		Map<Operation, Map<Channel, Availability>> copy = new EnumMap<>(Operation.class);
		table.forEach((operation, row) -> copy.put(operation, Map.copyOf(row)));
		this.table = Map.copyOf(copy);
	}

	/**
	 * The seed's table (가능 여부, revision 2024-05-31): ODS never; the branch always; the
	 * telephone only for incident reports; agents only for corporations (and never for
	 * mobile OTP); online (HTS/WTS, MTS, mobile web, home page) for everything. Mobile
	 * OTP issuance: online after the non-face-to-face check, or at the branch in person.
	 */
	public static Map<Operation, Map<Channel, Availability>> seedTable() {
		Map<Operation, Map<Channel, Availability>> table = new EnumMap<>(Operation.class);
		for (Operation operation : new Operation[] { Operation.REGISTER_HARDWARE, Operation.CANCEL_HARDWARE,
				Operation.RESET_ERRORS, Operation.RECOVER }) {
			table.put(operation, row(Availability.REFUSED, Availability.CORPORATIONS_ONLY));
		}
		Map<Channel, Availability> report = new EnumMap<>(row(Availability.ALLOWED, Availability.CORPORATIONS_ONLY));
		table.put(Operation.REPORT_LOST, report);
		table.put(Operation.ISSUE_MOBILE, row(Availability.REFUSED, Availability.REFUSED));
		table.put(Operation.CANCEL_MOBILE, row(Availability.REFUSED, Availability.REFUSED));
		return table;
	}

	private static Map<Channel, Availability> row(Availability phone, Availability agent) {
		Map<Channel, Availability> row = new EnumMap<>(Channel.class);
		row.put(Channel.DISPATCH, Availability.REFUSED);
		row.put(Channel.BRANCH, Availability.ALLOWED);
		row.put(Channel.PHONE, phone);
		row.put(Channel.AGENT, agent);
		row.put(Channel.ONLINE, Availability.ALLOWED);
		return row;
	}

	public Availability availability(Operation operation, Channel channel) {
		return this.table.getOrDefault(operation, Map.of()).getOrDefault(channel, Availability.REFUSED);
	}

	/**
	 * Whether {@code channel} may do {@code operation} for a customer of {@code kind}.
	 */
	public boolean allows(Operation operation, Channel channel, CustomerKind kind) {
		return switch (availability(operation, channel)) {
			case ALLOWED -> true;
			case CORPORATIONS_ONLY -> kind == CustomerKind.CORPORATION;
			case REFUSED -> false;
		};
	}

}
