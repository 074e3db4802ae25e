from attribution import create_app

app = create_app()
