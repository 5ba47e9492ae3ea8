#!/usr/bin/env python3
"""A small SMTP server on loopback for the notification tests.

It records each message it accepts as one JSON line in --out (the envelope,
the Message-ID and the raw message), and can misbehave on purpose:

  --mode accept         250 after the message (the default)
  --mode refuse         550 to RCPT (a refusal for good)
  --mode fail           451 to RCPT (try again later)
  --mode drop           closes the connection at RCPT
  --mode hang-after-data   records the message, then never answers its end
  --mode die-before-record exits at the end of the message, before recording
                           it or answering

--port-file gets the bound port. Standard library only (asyncio streams).
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--mode", default="accept",
                    choices=["accept", "refuse", "fail", "drop", "hang-after-data", "die-before-record"])
    args = ap.parse_args()

    async def handle(reader, writer):
        async def reply(line):
            writer.write((line + "\r\n").encode())
            await writer.drain()

        await reply("220 contract.smtp ESMTP ready")
        mail_from, rcpts = None, []
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                cmd = line.decode("utf-8", "replace").rstrip("\r\n")
                verb = cmd.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    await reply("250-contract.smtp")
                    await reply("250-8BITMIME")
                    await reply("250 SIZE 10485760")
                elif verb == "MAIL":
                    mail_from, rcpts = cmd[10:].strip(), []
                    await reply("250 OK")
                elif verb == "RCPT":
                    if args.mode == "refuse":
                        await reply("550 5.1.1 no such user")
                        continue
                    if args.mode == "fail":
                        await reply("451 4.3.0 try again later")
                        continue
                    if args.mode == "drop":
                        writer.close()
                        return
                    rcpts.append(cmd[8:].strip())
                    await reply("250 OK")
                elif verb == "DATA":
                    await reply("354 End data with <CR><LF>.<CR><LF>")
                    lines = []
                    while True:
                        l = await reader.readline()
                        if not l:
                            return
                        if l in (b".\r\n", b".\n"):
                            break
                        if l.startswith(b".."):
                            l = l[1:]
                        lines.append(l)
                    raw = b"".join(lines)
                    if args.mode == "die-before-record":
                        os._exit(3)
                    msg = email.message_from_bytes(raw, policy=email.policy.default)
                    body = msg.get_body(preferencelist=("plain",))
                    record = {"from": mail_from, "to": rcpts, "message_id": msg.get("Message-ID", ""),
                              "subject": str(msg.get("Subject", "")),
                              "body": body.get_content() if body is not None else ""}
                    with open(args.out, "a", encoding="utf-8") as f:
                        f.write(json.dumps(record, ensure_ascii=False) + "\n")
                        f.flush()
                        os.fsync(f.fileno())
                    if args.mode == "hang-after-data":
                        await asyncio.sleep(3600)
                        return
                    await reply("250 OK queued")
                elif verb == "RSET":
                    mail_from, rcpts = None, []
                    await reply("250 OK")
                elif verb == "NOOP":
                    await reply("250 OK")
                elif verb == "QUIT":
                    await reply("221 Bye")
                    writer.close()
                    return
                else:
                    await reply("502 command not implemented")
        except (ConnectionError, asyncio.IncompleteReadError):
            return

    async def serve():
        server = await asyncio.start_server(handle, "127.0.0.1", args.port)
        port = server.sockets[0].getsockname()[1]
        if args.port_file:
            tmp = args.port_file + ".tmp"
            with open(tmp, "w") as f:
                f.write(f"{port}\n")
            os.replace(tmp, args.port_file)
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    sys.exit(main())
