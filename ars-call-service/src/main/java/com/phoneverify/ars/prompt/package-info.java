/**
 * Prompt audio: speech synthesis behind the {@code TextToSpeech} port (espeak-ng), cached
 * on disk and in memory, with the audio of the shipped scenarios committed so the service
 * starts without a synthesizer.
 */
@NullMarked
package com.phoneverify.ars.prompt;

import org.jspecify.annotations.NullMarked;
