package com.phoneverify.otp.registry.simulator;

import java.util.HexFormat;
import java.util.List;

import com.phoneverify.otp.registry.DeviceId;
import com.phoneverify.otp.registry.DeviceProfile;
import com.phoneverify.otp.registry.InstitutionRegistry;
import com.phoneverify.otp.settings.OtpProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated registry, knowing {@code otp.registry.demo-devices} from the start. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "otp.registry.simulated", havingValue = "true", matchIfMissing = true)
class RegistrySimulatorConfiguration {

	@Bean
	SimulatedInstitutionRegistry institutionRegistry(OtpProperties properties) {
		SimulatedInstitutionRegistry registry = new SimulatedInstitutionRegistry();
		List<OtpProperties.DemoDevice> devices = properties.registry().demoDevices();
		if (devices != null) {
			for (OtpProperties.DemoDevice device : devices) {
				registry.issue(new DeviceId(device.vendorCode(), device.serial()),
						new DeviceProfile(HexFormat.of().parseHex(device.seedHex()), device.timeBased(),
								device.algorithm(), device.digits(), device.stepSeconds(), device.warrantyFrom(),
								device.warrantyUntil()));
			}
		}
		return registry;
	}

}
