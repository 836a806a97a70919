"""Base class for conformance tests: one channel to a shared TestHost per test class."""

import unittest

import generated_messages
import shared_hosts
from stubs import EchoStub

# Generous per-call deadline so a hung server fails one test instead of the whole run.
CALL_TIMEOUT = 15.0


class ChannelTestCase(unittest.TestCase):
    """Opens cls.channel to cls.host() (the default TestHost unless overridden) with cls.compression."""

    compression = None

    @classmethod
    def host(cls):
        return shared_hosts.default_host()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.messages = generated_messages.load()
        cls.server = cls.host()
        cls.channel = shared_hosts.open_channel(cls.server, compression=cls.compression)
        cls.echo = EchoStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        super().tearDownClass()

    def echo_request(self, **fields):
        return self.messages.echo_pb2.EchoRequest(**fields)
