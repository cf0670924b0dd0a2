#!/usr/bin/env python3
"""Builds the seed corpus of every fuzz target from fixtures/ (run from fuzz/)."""
import os
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = [
    "data/tweets.js", "data/direct-messages-group.js", "data/like.js", "data/manifest.js",
    "data/note-tweet.js", "tweets.csv", "data/js/tweets/2014_05.js", "Connections.csv",
    "messages.csv", "Profile.csv", "users_get.xml", "friends_get.json", "message_1.json",
    "your_posts__check_ins__photos_and_videos_1.json", "your_friends.json", "profile_information.json",
]


def files(folder):
    for base, _, names in os.walk(folder):
        for n in names:
            yield os.path.join(base, n)


def main():
    for target in ["archive", "json_stream", "parsers"]:
        os.makedirs(os.path.join(HERE, "corpus", target), exist_ok=True)
    for platform in sorted(os.listdir(ROOT)):
        pdir = os.path.join(ROOT, platform)
        if not os.path.isdir(pdir):
            continue
        for fixture in sorted(os.listdir(pdir)):
            fdir = os.path.join(pdir, fixture)
            if not os.path.isdir(fdir):
                continue
            out = os.path.join(HERE, "corpus", "archive", f"{platform}-{fixture}.zip")
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for f in files(fdir):
                    z.write(f, os.path.relpath(f, fdir))
            for f in files(fdir):
                if os.path.getsize(f) > 64 * 1024:
                    continue
                rel = os.path.relpath(f, fdir).replace(os.sep, "_")
                data = open(f, "rb").read()
                if f.endswith((".js", ".json")):
                    open(os.path.join(HERE, "corpus", "json_stream", f"{platform}-{fixture}-{rel}"), "wb").write(data)
                base = os.path.basename(f)
                for i, name in enumerate(NAMES):
                    if os.path.basename(name) == base or name.endswith(base):
                        open(os.path.join(HERE, "corpus", "parsers", f"{platform}-{fixture}-{rel}"), "wb").write(bytes([i]) + data)


if __name__ == "__main__":
    main()
