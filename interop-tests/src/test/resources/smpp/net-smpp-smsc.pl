#!/usr/bin/perl
# A small SMSC built on Perl's Net::SMPP (Debian: libnet-smpp-perl), an SMPP implementation
# nobody here wrote, for the relay's interop test (NetSmppInteropIT).
#
#   net-smpp-smsc.pl PORT_FILE LOG_FILE MO_TO MO_TEXT_HEX
#
# Listens on a free port (written to PORT_FILE), serves one ESME at a time: answers
# bind_transceiver, enquire_link and unbind; takes every submit_sm (one line per submit in
# LOG_FILE: "SUBMIT <id> <source> <destination> <data_coding> <esm_class> <hex of short_message>"),
# answers submit_sm_resp with its id, then sends a delivery receipt for it (deliver_sm,
# esm_class 0x04, "id:<id> ... stat:DELIVRD err:000"). After the first submit it also sends one
# mobile-originated deliver_sm from that submit's recipient to MO_TO, the text given in hex as
# EUC-KR (data_coding 0x0E). deliver_sm_resp are logged ("DELIVER_SM_RESP <seq> <status>").
use strict;
use warnings;
use Net::SMPP;

my ($port_file, $log_file, $mo_to, $mo_text_hex) = @ARGV;
die "usage: $0 PORT_FILE LOG_FILE MO_TO MO_TEXT_HEX\n" unless defined $mo_text_hex;

my $listen = Net::SMPP->new_listen('127.0.0.1', port => 0, smpp_version => 0x34, timeout => 600)
  or die "cannot listen: $!";
open(my $log, '>>', $log_file) or die "cannot write $log_file: $!";
$log->autoflush(1);
open(my $pf, '>', "$port_file.tmp") or die "cannot write $port_file: $!";
print $pf $listen->sockport, "\n";
close $pf;
rename "$port_file.tmp", $port_file or die "cannot rename: $!";

my $submits = 0;
my $mo_sent = 0;
while (my $smpp = $listen->accept) {
  print $log "CONNECT\n";
  while (my $pdu = $smpp->read_pdu) {
    my $cmd = $pdu->{cmd};
    if ($cmd == Net::SMPP::CMD_bind_transceiver) {
      print $log "BIND $pdu->{system_id}\n";
      $smpp->bind_transceiver_resp(seq => $pdu->{seq}, system_id => 'perl-smsc');
    }
    elsif ($cmd == Net::SMPP::CMD_enquire_link) {
      print $log "ENQUIRE_LINK\n";
      $smpp->enquire_link_resp(seq => $pdu->{seq});
    }
    elsif ($cmd == Net::SMPP::CMD_submit_sm) {
      my $id = sprintf('perl%06d', ++$submits);
      $smpp->submit_sm_resp(seq => $pdu->{seq}, message_id => $id);
      print $log join(' ', 'SUBMIT', $id, $pdu->{source_addr}, $pdu->{destination_addr}, $pdu->{data_coding},
        $pdu->{esm_class}, unpack('H*', $pdu->{short_message})), "\n";
      $smpp->deliver_sm(source_addr => $pdu->{destination_addr}, destination_addr => $pdu->{source_addr},
        esm_class => 0x04, data_coding => 0,
        short_message => "id:$id sub:001 dlvrd:001 submit date:2611301200 done date:2611301200 stat:DELIVRD err:000 text:",
        async => 1);
      if (!$mo_sent) {
        $mo_sent = 1;
        $smpp->deliver_sm(source_addr => $pdu->{destination_addr}, source_addr_ton => 1, source_addr_npi => 1,
          destination_addr => $mo_to, esm_class => 0, data_coding => 0x0E,
          short_message => pack('H*', $mo_text_hex), async => 1);
      }
    }
    elsif ($cmd == Net::SMPP::CMD_deliver_sm_resp) {
      print $log "DELIVER_SM_RESP $pdu->{seq} $pdu->{status}\n";
    }
    elsif ($cmd == Net::SMPP::CMD_unbind) {
      print $log "UNBIND\n";
      $smpp->unbind_resp(seq => $pdu->{seq});
      last;
    }
    else {
      print $log sprintf("UNEXPECTED 0x%08x\n", $cmd);
      $smpp->generic_nack(seq => $pdu->{seq}, status => 0x03);
    }
  }
  print $log "DISCONNECT\n";
  $smpp->close;
}
