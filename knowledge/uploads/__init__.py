"""Files people upload, checked on arrival: documents by extension and content, images by pixel
count before anything decodes them, and the admin's image form that applies both."""
