"""Server-rendered pages (Jinja2 templates, own CSS/JS, offline base map) over the API's Desk."""
