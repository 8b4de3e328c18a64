-- The tables and columns of a Zotero database (zotero.sqlite, schema version 129) that argmap's
-- Zotero importer reads, and those a row of them needs, with Zotero's names and types. Written
-- for argmap's tests from the database's layout (not a copy of Zotero's schema file, which is
-- AGPL); tests/test_annotations.py builds a zotero.sqlite from it.

CREATE TABLE libraries (libraryID INTEGER PRIMARY KEY, type TEXT NOT NULL, editable INT NOT NULL,
                        filesEditable INT NOT NULL);
CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT);
CREATE TABLE fields (fieldID INTEGER PRIMARY KEY, fieldName TEXT);
CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT NOT NULL,
                    libraryID INT NOT NULL REFERENCES libraries (libraryID), key TEXT NOT NULL,
                    UNIQUE (libraryID, key));
CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value UNIQUE);
CREATE TABLE itemData (itemID INT REFERENCES items (itemID), fieldID INT REFERENCES fields (fieldID),
                       valueID REFERENCES itemDataValues (valueID), PRIMARY KEY (itemID, fieldID));
CREATE TABLE itemAttachments (itemID INTEGER PRIMARY KEY REFERENCES items (itemID),
                              parentItemID INT REFERENCES items (itemID), linkMode INT, contentType TEXT,
                              path TEXT);
CREATE TABLE itemAnnotations (itemID INTEGER PRIMARY KEY REFERENCES items (itemID),
                              parentItemID INT NOT NULL REFERENCES itemAttachments (itemID),
                              type INTEGER NOT NULL, authorName TEXT, text TEXT, comment TEXT, color TEXT,
                              pageLabel TEXT, sortIndex TEXT NOT NULL, position TEXT NOT NULL,
                              isExternal INT NOT NULL);
CREATE TABLE tags (tagID INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE itemTags (itemID INT NOT NULL REFERENCES items (itemID), tagID INT NOT NULL REFERENCES tags (tagID),
                       type INT NOT NULL, PRIMARY KEY (itemID, tagID));
CREATE TABLE deletedItems (itemID INTEGER PRIMARY KEY REFERENCES items (itemID),
                           dateDeleted DEFAULT CURRENT_TIMESTAMP NOT NULL);
