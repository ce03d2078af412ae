from newsmirror.cli import app

app()
