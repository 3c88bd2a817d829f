package com.phoneverify.ars.media;

import java.net.InetAddress;
import java.net.UnknownHostException;

import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.media.MediaEngineOptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The RTP media engine ({@code ars.media.*}). */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

	@Bean(destroyMethod = "close")
	RtpMedia rtpMedia(ArsProperties properties) throws UnknownHostException {
		ArsProperties.Media media = properties.media();
		MediaEngineOptions options = MediaEngineOptions.defaults()
			.withBindAddress(InetAddress.getByName(media.bindAddress()));
		if (media.portRangeStart() != 0) {
			options = options.withPortRange(media.portRangeStart(), media.portRangeEnd());
		}
		return new RtpMedia(options);
	}

}
