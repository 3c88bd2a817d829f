package com.phoneverify.messaging.support;

import java.util.regex.Pattern;

/**
 * A schema-qualified table name from configuration, checked before it goes into SQL text.
 */
public record TableName(String value) {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

	public TableName {
		if (value == null || !IDENTIFIER.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"not a table name ([schema.]table, lower case letters, digits and _): " + value);
		}
	}

	/**
	 * The table named by a property, or a startup failure that names the property.
	 */
	public static TableName of(String property, String value) {
		try {
			return new TableName(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
