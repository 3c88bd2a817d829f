/**
 * A telco's name check of phone subscribers, over a small HTTP JSON API: answers match,
 * close match (with the subscriber's name masked) or no match, as the EU's Verification
 * of Payee and the UK's Confirmation of Payee answer.
 */
@NullMarked
package com.phoneverify.simulators.telco;

import org.jspecify.annotations.NullMarked;
