package com.phoneverify.messaging.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TableNameTests {

	@Test
	void acceptsASchemaQualifiedName() {
		assertThat(TableName.of("messaging.outbox.table", "gateway.outbox").value()).isEqualTo("gateway.outbox");
	}

	@Test
	void refusesSqlInAConfiguredNameAndNamesTheProperty() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TableName.of("messaging.outbox.table", "gateway.outbox; DROP TABLE x"))
			.withMessageStartingWith("messaging.outbox.table: ");
	}

}
