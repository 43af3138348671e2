"""``kg query`` (bundled or own SPARQL, locally or on an endpoint) and ``kg publish``."""

from __future__ import annotations

from pathlib import Path

import click

from kg import query as queries
from kg.cli.common import EXIT_USAGE, KgClickError, library_errors
from kg.endpoint import DEFAULT_TIMEOUT, Endpoint
from kg.graph_store import DEFAULT_PUBLISH_TIMEOUT, SERVER_LAYOUTS, publish, server_urls
from kg.vocab import DEFAULT_BASE_IRI, PREFIXES


def _connection_options(function):
    """--user, --password and --timeout, shared by both commands."""
    function = click.option("--timeout", type=float, default=None, metavar="SECONDS",
                            help="Give up on a server that does not answer within this time.")(function)
    function = click.option("--password", envvar="KG_ENDPOINT_PASSWORD", metavar="P",
                            help="HTTP basic auth password (env KG_ENDPOINT_PASSWORD).")(function)
    return click.option("--user", metavar="U", help="HTTP basic auth user.")(function)


def _base_option(function):
    return click.option("--base", default=DEFAULT_BASE_IRI, envvar="KG_BASE_IRI", show_default=True,
                        help="Base IRI of the data's IRIs (env KG_BASE_IRI).")(function)


@click.command("query")
@click.argument("query", required=False, metavar="NAME|FILE")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries and exit.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable); see --list for each query's parameters.")
@click.option("--format", "-f", "fmt", type=click.Choice(queries.FORMATS), default="table", show_default=True,
              help="Aligned table (IRIs shortened), or the SPARQL 1.1 CSV, TSV or JSON results format.")
@click.option("--data", multiple=True, type=click.Path(path_type=Path), metavar="PATH",
              help="Build folder or RDF file to query (repeatable). Default: dist/.")
@click.option("--endpoint", metavar="URL", help="Query this SPARQL endpoint instead of local data.")
@click.option("--graph", metavar="IRI",
              help="With --endpoint: the graph to query (default-graph-uri), e.g. the one `kg publish` wrote.")
@click.option("--online", is_flag=True, help="Allow queries that call remote services (# online: true).")
@click.option("--limit", type=click.IntRange(min=1), default=queries.DEFAULT_PAGE_SIZE, show_default=True,
              metavar="N", help="Rows per page.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
              help="Rows to skip: --offset 100 shows the second page of 100.")
@click.option("--all", "all_rows", is_flag=True, help="Every row, in one answer (no page).")
@_connection_options
@_base_option
def query_command(query, list_queries, params, fmt, data, endpoint, graph, online, limit, offset, all_rows,
                  user, password, timeout, base) -> None:
    """Run a bundled query (by NAME) or a SPARQL file, on the last build or on an endpoint.

    \b
    kg query --list
    kg query person-documents --param person=Beria
    kg query date-range -p from=1953-01-01 -p to=1953-12-31 --format csv --all
    kg query co-mentions --offset 100
    kg query correspondence --endpoint http://localhost:7878/query --graph https://kg.example.org/id/dataset
    """
    if list_queries:
        click.echo(_catalogue(queries.bundled_queries()), nl=False)
        return
    if not query:
        raise KgClickError("name a query (see `kg query --list`) or a .rq file", EXIT_USAGE)
    if data and endpoint:
        raise KgClickError("use --data or --endpoint, not both", EXIT_USAGE)
    page = queries.Page(limit=None if all_rows else limit, offset=offset)
    with library_errors():
        found = queries.find_query(query)
        engine = _engine(endpoint, data, graph, user, password, timeout)
        results = queries.run_query(found, _parse_params(params), engine, allow_online=online, page=page)
        text = queries.format_results(results, fmt, prefixes={**PREFIXES, "id": base})
    click.echo(text, nl=False)
    if results.more:  # on stderr: stdout stays a clean CSV, TSV or JSON document
        click.echo(f"kg: more rows follow; the next page: --offset {offset + limit} (or --all)", err=True)


def _engine(endpoint, data, graph, user, password, timeout):
    if endpoint:
        return Endpoint(endpoint, user, password, timeout or DEFAULT_TIMEOUT, default_graph=graph)
    return queries.open_local(data)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in params:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise KgClickError(f"--param {item!r}: expected NAME=VALUE", EXIT_USAGE)
        values[name.strip()] = value
    return values


def _catalogue(found) -> str:
    width = max(len(query.name) for query in found)
    lines = []
    for query in found:
        online = " [online]" if query.online else ""
        lines.append(f"{query.name.ljust(width)}  {query.description}{online}")
        for param in query.params:
            need = "required" if param.required else "optional"
            lines.append(f"{'':{width}}    --param {param.name}=… ({param.type}, {need}): {param.description}")
    return "\n".join(lines) + "\n"


@click.command("publish")
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's base URL, e.g. http://localhost:7878 (Oxigraph), "
                   "http://localhost:3030/DATASET (Fuseki).")
@click.option("--server", type=click.Choice(list(SERVER_LAYOUTS)),
              default="oxigraph", show_default=True, help="How the server lays out its URLs.")
@click.option("--query-url", metavar="URL", help="SPARQL query endpoint, if not the server's usual one.")
@click.option("--update-url", metavar="URL", help="SPARQL update endpoint, if not the server's usual one.")
@click.option("--store-url", metavar="URL", help="Graph Store endpoint, if not the server's usual one.")
@click.option("--graph", metavar="IRI", help="The named graph to replace. Default: the dataset IRI.")
@click.option("--data", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="The build output folder to publish.")
@_connection_options
@_base_option
def publish_command(endpoint, server, query_url, update_url, store_url, graph, data, user, password,
                    timeout, base) -> None:
    """Load a build into a SPARQL server, atomically replacing the previous version.

    The data goes into the named graph GRAPH, its VoID/DCAT description into GRAPH/description.
    """
    with library_errors():
        urls = server_urls(endpoint, server, query=query_url, update=update_url, store=store_url)
        result = publish(data, urls, graph=graph, base=base, user=user, password=password,
                         timeout=timeout or DEFAULT_PUBLISH_TIMEOUT)
    click.echo(f"published {result.triples} triples to <{result.graph}> and {result.description_triples} "
               f"triples of description to <{result.description_graph}>; query them at {urls.query}")


__all__ = ["publish_command", "query_command"]
