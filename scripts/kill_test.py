#!/usr/bin/env python3
"""Seeded SIGKILLs of `stance analyze` (issue 12, crash safety).

1. Builds the CLI and generates a corpus (the fixture articles and generated wire-style articles
   under varied names and folders, plus one JSONL file), deterministic.
2. Reference: one uninterrupted `stance analyze` into an empty database; its duration T sets the
   window for the kills.
3. Each trial starts from an empty database (odd trials) or from the database a previous trial's
   re-run left, with five articles changed so that the run has work to do (even trials; an
   uninterrupted run of the same kind on a copy gives its window T and must itself equal a fresh
   run), starts `stance analyze`, and SIGKILLs it after a seeded random delay in [0, 0.95 T]. A run
   that ends before its delay is not counted as a kill; trials go on until KILLS kills. Then:
   - `PRAGMA integrity_check` is "ok", `PRAGMA foreign_key_check` finds nothing and the full-text
     index passes its own integrity check;
   - no document is stored twice or half (every stored document has its text, and its statements
     are whole: their number equals what the reference stored for that document);
   - a re-run ends with exit 0, and its CSV tables, report and the canonical dump of the database
     (documents, statements, the last run's stances, positions, contrasts, speakers) equal those of
     an uninterrupted run on the same articles.
Prints the seed, one line per kill and a summary; exit 1 on any difference.
"""
import argparse, hashlib, json, os, random, shutil, signal, sqlite3, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
EPOCH = "1795910400"
TABLES = ["statements.csv", "stances.csv", "positions.csv", "contrasts.csv", "allies.csv", "speakers.csv",
          "matrix.csv", "report.md"]


def build(release):
    config = ["-c", "release"] if release else []
    subprocess.run(["swift", "build", "--package-path", REPO, "--product", "stance"] + config, check=True,
                   stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "--package-path", REPO, "--show-bin-path"] + config, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "stance")


PEOPLE = [("Ilse Varga", "Transport Minister"), ("Petr Hollan", "Opposition MP"), ("Karel Dusek", "association president"),
          ("Arif Mammadov", "Former ambassador"), ("Nadia Rahimi", "Economist"), ("Jonas Berg", "Analyst"),
          ("Marta Kovacs", "Foreign Minister"), ("Dana Whitfield", "Senator")]
VIEWS = [("Moscow is interested in a peace agreement", "Russia does not want peace in the region"),
         ("Russia is a strategic partner for the region's security", "Russia is a threat to the security of the South Caucasus"),
         ("Western support for the peace talks is welcome", "the West should stay out of the peace process"),
         ("the toll is fair", "the toll is a tax on workers")]


def article(rng, index, variant=0):
    a, b = rng.sample(PEOPLE, 2)
    def view(person):
        topic = rng.randrange(len(VIEWS))
        return VIEWS[topic][(PEOPLE.index(person) + topic) % 2]
    quoted = view(b)
    return (f"Talks on the region continue, report {index}{' (updated)' * variant}\n\n"
            f"{a[1]} {a[0]} believes that {view(a)}.\n\n"
            f"\"{quoted[0].upper() + quoted[1:]},\" {b[1]} {b[0]} said on day {index % 28 + 1}.\n\n"
            f"{a[0].split()[-1]} added that {view(a)}, and that meeting number {index} would go ahead.\n")


def generate(corpus, count, seed):
    rng = random.Random(seed)
    shutil.rmtree(corpus, ignore_errors=True)
    fixtures = os.path.join(REPO, "Tests", "Fixtures", "corpus")
    for folder in sorted(os.listdir(fixtures)):
        for name in sorted(os.listdir(os.path.join(fixtures, folder))):
            target = os.path.join(corpus, "fixtures", folder, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(fixtures, folder, name), target)
    for index in range(count):
        name = os.path.join(corpus, f"outlet-{index % 7}", f"{'ab'[index % 2]}-{index:04d} é.txt")
        os.makedirs(os.path.dirname(name), exist_ok=True)
        with open(name, "w", encoding="utf-8") as f:
            f.write(article(rng, index))
    with open(os.path.join(corpus, "wire.jsonl"), "w", encoding="utf-8") as f:
        for index in range(count, count + count // 10):
            f.write(json.dumps({"id": f"wire-{index}", "text": article(rng, index), "source": "Wire"}) + "\n")


def change(corpus, trial, rng):
    """Rewrites a few articles (their content hash changes): the next run re-analyses them."""
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".txt") and "outlet" in d)
    for path in rng.sample(files, 5):
        index = int(os.path.basename(path)[2:6])
        with open(path, "w", encoding="utf-8") as f:
            f.write(article(random.Random(trial * 100_000 + index), index, variant=1))


def run(binary, corpus, out, db, timeout=1800):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_COLOR="1")
    env.pop("STANCE_STORE_KILL_AFTER_DOCUMENTS", None)
    started = time.monotonic()
    p = subprocess.run([binary, "analyze", corpus, "--out", out, "--db", db, "--lexicons", os.path.join(REPO, "Lexicons"),
                        "--csv-profile", "plain"], env=env, capture_output=True, text=True, timeout=timeout)
    return p, time.monotonic() - started


def killed_run(binary, corpus, out, db, delay):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_COLOR="1")
    p = subprocess.Popen([binary, "analyze", corpus, "--out", out, "--db", db, "--lexicons", os.path.join(REPO, "Lexicons"),
                          "--csv-profile", "plain"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        p.wait(timeout=delay)
        finished = True
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        finished = False
    stderr = p.stderr.read().decode(errors="replace")
    return finished, p.returncode, stderr


def checks(db):
    """Integrity after a kill: (problems, stored document count)."""
    problems = []
    if not os.path.exists(db):
        return problems, 0
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:3]}")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "documents" not in tables:
            return problems, 0   # killed before the schema was committed: an empty (or no) database
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk[:3]}")
        try:
            con.execute("INSERT INTO statement_fts(statement_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as error:
            problems.append(f"full-text index: {error}")
        without_text = con.execute("SELECT count(*) FROM documents d LEFT JOIN document_text t ON t.id = d.id "
                                   "WHERE t.id IS NULL AND d.missing = 0").fetchone()[0]
        if without_text:
            problems.append(f"{without_text} documents without their text")
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        return problems, stored
    finally:
        con.close()


def dump(db):
    """What must be equal to an uninterrupted run's database: documents, statements and the last
    finished run's tables (run ids and times left out: they record when, not what)."""
    con = sqlite3.connect(db)
    try:
        out = {}
        out["documents"] = con.execute("SELECT id, content_hash, size, title, date, source, url, fingerprint, missing "
                                       "FROM documents ORDER BY id").fetchall()
        out["texts"] = hashlib.sha256(repr(con.execute("SELECT id, text FROM document_text ORDER BY id").fetchall()).encode()).hexdigest()
        out["statements"] = con.execute('SELECT statement_id, document_id, ord, paragraph, start, "end", speaker, speaker_mention, '
                                        "speaker_kind, kind, cue, rule, link, text FROM statements ORDER BY statement_id").fetchall()
        out["fts"] = con.execute("SELECT count(*) FROM statement_fts").fetchone()
        run = con.execute("SELECT run_id FROM runs WHERE finished_at IS NOT NULL ORDER BY seq DESC LIMIT 1").fetchone()
        for table, columns in [("stances", "statement_id, topic, stance, score, confidence, evidence"),
                               ("positions", "ord, topic, grp, speaker, stance, score, confidence, statements, strongest_statement_id"),
                               ("contrasts", "ord, topic, speaker_a, stance_a, speaker_b, stance_b, strength, explicit_disagreement"),
                               ("speakers", "ord, speaker_id, speaker, kind, aliases, roles, affiliation, statements, documents"),
                               ("run_documents", "ord, document_id, content_hash, statements"),
                               ("run_statements", "ord, statement_id, speaker")]:
            out[table] = con.execute(f"SELECT {columns} FROM {table} WHERE run_id = ? ORDER BY 1, 2", run).fetchall() if run else None
        return out
    finally:
        con.close()


def outputs(folder):
    result = {}
    for name in TABLES:
        path = os.path.join(folder, name)
        result[name] = open(path, "rb").read() if os.path.exists(path) else None
    # Hidden files anywhere in --out: temporary files a killed run left and the re-run did not clean up.
    leftovers = sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, fs in os.walk(folder) for f in fs
                       if f.startswith(".")) if os.path.isdir(folder) else []
    return result, leftovers


def differences(a, b, what):
    return [f"{what}: {key} differs" for key in a if a[key] != b.get(key)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("seed", nargs="?", type=int, default=None)
    parser.add_argument("kills", nargs="?", type=int, default=20)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--release", action="store_true")
    parser.add_argument("--scratch", default=os.environ.get("STANCE_KILL_DIR", "/tmp/stance-kill-test"))
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    print(f"seed {seed} (replay: scripts/kill-test.sh {seed} {args.kills} --articles {args.articles}"
          f"{' --release' if args.release else ''})", flush=True)
    rng = random.Random(seed)
    scratch = args.scratch
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    binary = build(args.release) if not args.no_build else os.path.join(
        subprocess.run(["swift", "build", "--package-path", REPO, "--show-bin-path"] + (["-c", "release"] if args.release else []),
                       capture_output=True, text=True).stdout.strip(), "stance")
    corpus = os.path.join(scratch, "corpus")
    generate(corpus, args.articles, seed)

    def reference(tag):
        """An uninterrupted run on the corpus as it is now, into an empty database."""
        folder = os.path.join(scratch, f"reference-{tag}")
        p, seconds = run(binary, corpus, os.path.join(folder, "out"), os.path.join(folder, "stance.sqlite"))
        if p.returncode != 0:
            sys.exit(f"the reference run failed ({p.returncode}):\n{p.stderr}")
        return {"outputs": outputs(os.path.join(folder, "out"))[0], "dump": dump(os.path.join(folder, "stance.sqlite")),
                "seconds": seconds, "summary": p.stderr.strip().splitlines()[-1]}

    ref = reference(0)
    fresh_seconds = ref["seconds"]
    print(f"corpus: {args.articles} articles + {args.articles // 10} JSONL lines + fixtures; reference run {fresh_seconds:.1f} s: "
          f"{ref['summary']}", flush=True)
    print(f"{'kill':>4}  {'start':<7} {'window s':>8} {'delay s':>7}  {'stored docs':>11}  {'integrity':<9}  {'re-run':<34}  result")
    failures = kills = trial = 0
    carried = None  # the database a previous trial's re-run completed
    while kills < args.kills and trial < 3 * args.kills:
        trial += 1
        folder = os.path.join(scratch, f"trial-{trial:02d}")
        os.makedirs(folder)
        db, out = os.path.join(folder, "stance.sqlite"), os.path.join(folder, "out")
        incremental = trial % 2 == 0 and carried is not None
        if incremental:
            change(corpus, trial, rng)
            ref = reference(trial)
            # The same incremental run uninterrupted, on a copy: how long the kill window is, and its
            # results must already equal the fresh reference's.
            check_db = os.path.join(folder, "uninterrupted.sqlite")
            copy_db(carried, check_db)
            p, window = run(binary, corpus, os.path.join(folder, "uninterrupted-out"), check_db)
            same = p.returncode == 0 and not differences(ref["outputs"], outputs(os.path.join(folder, "uninterrupted-out"))[0], "") \
                and not differences(ref["dump"], dump(check_db), "")
            if not same:
                failures += 1
                print(f"trial {trial}: an uninterrupted incremental run differs from a fresh run", flush=True)
            copy_db(carried, db)
        else:
            window = fresh_seconds
        delay = round(rng.uniform(0.0, 0.95) * window, 3)
        finished, status, stderr = killed_run(binary, corpus, out, db, delay)
        problems, stored = checks(db)
        integrity = "FAILED" if problems else "ok"
        rerun, _ = run(binary, corpus, out, db)
        result = [] if rerun.returncode == 0 else [f"re-run exit {rerun.returncode}: {rerun.stderr.strip()[-300:]}"]
        got_outputs, leftovers = outputs(out)
        result += differences(ref["outputs"], got_outputs, "output")
        if leftovers:
            result.append(f"temporary files left in --out: {leftovers}")
        if rerun.returncode == 0:
            result += differences(ref["dump"], dump(db), "database")
            if not incremental:
                con = sqlite3.connect(db)
                twice = con.execute("SELECT count(*) FROM documents WHERE analysis_count <> 1").fetchone()[0]
                con.close()
                if twice:
                    result.append(f"{twice} documents analysed more than once")
        problems += result
        carried = db
        if finished:
            # The run ended before the delay: not a kill. Its re-run is checked all the same.
            print(f"{'-':>4}  {'stored' if incremental else 'empty':<7} {window:>8.2f} {delay:>7.2f}  {'(finished)':>11}  "
                  f"{integrity:<9}  {'':<34}  {'same' if not problems else 'DIFFERENT: ' + '; '.join(problems)}", flush=True)
            failures += bool(problems)
            continue
        kills += 1
        failures += bool(problems)
        summary = rerun.stderr.strip().splitlines()[-1] if rerun.stderr.strip() else ""
        summary = summary.split(";")[0].replace(" documents", "")
        print(f"{kills:>4}  {'stored' if incremental else 'empty':<7} {window:>8.2f} {delay:>7.2f}  {stored:>11}  "
              f"{integrity:<9}  {summary:<34}  {'same' if not problems else 'DIFFERENT: ' + '; '.join(problems)}", flush=True)
    print(f"seed {seed}: {kills} kills in {trial} trials; {kills - failures if failures <= kills else 0}/{kills} followed by "
          f"integrity_check ok and a re-run equal to an uninterrupted run; {failures} failures")
    sys.exit(1 if failures or kills < args.kills else 0)


def copy_db(source, target):
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
        if os.path.exists(source + suffix):
            shutil.copyfile(source + suffix, target + suffix)


if __name__ == "__main__":
    main()
