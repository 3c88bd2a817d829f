package com.phoneverify.ars.store;

import java.time.Clock;
import java.util.UUID;

import com.phoneverify.ars.request.CallLog;
import com.phoneverify.ars.request.ParkingLot;
import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.contracts.EventCodec;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The durable call log on PostgreSQL (R2DBC); each start of the service is a new
 * instance.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	@Bean
	CallLog callLog(ConnectionFactory connectionFactory, EventCodec codec, Clock clock, Scheduler arsCallScheduler) {
		return new R2dbcCallLog(DatabaseClient.create(connectionFactory), codec, clock, UUID.randomUUID(),
				arsCallScheduler);
	}

	@Bean
	ParkingLot parkingLot(ConnectionFactory connectionFactory, Clock clock, Scheduler arsCallScheduler) {
		return new R2dbcParkingLot(DatabaseClient.create(connectionFactory), clock, UUID.randomUUID(),
				arsCallScheduler);
	}

	@Bean
	CallLogRetention callLogRetention(ConnectionFactory connectionFactory, Clock clock, ArsProperties properties) {
		return new CallLogRetention(DatabaseClient.create(connectionFactory), clock, properties.retention().callLog(),
				properties.retention().purgeInterval());
	}

}
