"""The published site: an MkDocs plugin that generates pages, the data API and notebook pages."""
