"""A PySpark job that analyses JSON Lines articles with `stance analyze --stdin-jsonl`.

    spark_stance.py ARTICLES.jsonl OUT_FOLDER STANCE_BINARY LEXICONS [PARTITIONS]

Each partition of the articles is piped through the stance binary (`rdd.pipe`): articles in, one
JSONL record per line out. The records are saved as Spark part files (OUT_FOLDER/part-*), which
`stance merge OUT_FOLDER/part-* --out DIR` turns into the database, tables and report.
"""
import shlex
import sys

from pyspark.sql import SparkSession


def main() -> None:
    articles, out, binary, lexicons = sys.argv[1:5]
    partitions = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    spark = (SparkSession.builder.master("local[2]").appName("stance")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    command = f"{shlex.quote(binary)} analyze --stdin-jsonl --lexicons {shlex.quote(lexicons)}"
    records = spark.sparkContext.textFile(articles, minPartitions=partitions).pipe(command)
    records.saveAsTextFile(out)
    spark.stop()


if __name__ == "__main__":
    main()
