"""Servers the storage tests start on 127.0.0.1: a faulty HTTP server and moto's S3 server."""
